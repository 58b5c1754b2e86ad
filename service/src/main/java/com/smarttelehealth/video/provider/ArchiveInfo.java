package com.smarttelehealth.video.provider;

import java.time.Instant;

/** An archive as the provider reports it; {@code status} is the provider's lowercase status name (started, paused, stopped, uploaded, available, expired, failed, deleted). */
public record ArchiveInfo(String id, String sessionId, String name, String status, boolean individual,
        boolean hasAudio, boolean hasVideo, String resolution, boolean manualStreams, Instant createdAt,
        long durationSeconds, long sizeBytes, String reason, String url) {
}
