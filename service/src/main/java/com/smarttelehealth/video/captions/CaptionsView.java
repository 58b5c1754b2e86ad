package com.smarttelehealth.video.captions;

import java.time.Instant;

/** Live captions of a session, as the API shows them. */
public record CaptionsView(String captionsId, String sessionId, String languageCode, int maxDurationSeconds,
        boolean partialCaptions, CaptionsStatus status, String startedBy, Instant createdAt, Instant stoppedAt) {
}
