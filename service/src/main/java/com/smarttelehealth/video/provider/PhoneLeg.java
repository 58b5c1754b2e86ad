package com.smarttelehealth.video.provider;

/** A SIP call the provider placed: its id, and the connection (and stream) it has in the session. */
public record PhoneLeg(String id, String connectionId, String streamId) {
}
