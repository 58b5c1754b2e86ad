package com.smarttelehealth.video.token;

import java.time.Instant;

import com.smarttelehealth.video.provider.ClientRole;

/** A freshly issued client token. It is shown once, here, and never stored or logged. */
public record TokenView(String token, String apiKey, String sessionId, ClientRole role, Instant expiresAt,
        ConnectionData connectionData) {

    /** Who the connection is, as the server sets it in the token. */
    public record ConnectionData(String userId, String displayName, String role) {
    }
}
