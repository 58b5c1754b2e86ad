package com.smarttelehealth.video.provider;

/**
 * A SIP call into a session: where to dial (a URI that holds a phone number: PHI), the caller id, the gateway's
 * credentials (a secret), and whether the signalling is encrypted. Printed, it shows none of them.
 */
public record SipDial(String uri, String from, String username, String password, boolean secure) {

    @Override
    public String toString() {
        return "SipDial[secure=" + secure + "]";
    }
}
