package com.smarttelehealth.video.opentok;

import java.time.Instant;

/** An archive as OpenTok reports it; {@code status} is OpenTok's lowercase status name. */
public record ArchiveInfo(String id, String sessionId, String name, String status, boolean individual,
        boolean hasAudio, boolean hasVideo, String resolution, boolean manualStreams, Instant createdAt,
        long durationSeconds, long sizeBytes, String reason, String url) {
}
