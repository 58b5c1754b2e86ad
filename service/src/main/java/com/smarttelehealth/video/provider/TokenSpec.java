package com.smarttelehealth.video.provider;

import java.time.Instant;
import java.util.List;

/** What a client token grants: in which session, as what, until when, and the server-set connection data. */
public record TokenSpec(String sessionId, ClientRole role, Instant expiresAt, String connectionData,
        List<String> layoutClasses) {
}
