package com.smarttelehealth.video.phone;

import java.time.Instant;

/** A phone call as the API shows it: {@code to} masked to its last 4 digits. */
public record PhoneCallView(String callId, String sessionId, String connectionId, String to, String userId,
        PhoneCallStatus status, String startedBy, Instant createdAt, Instant endedAt) {
}
