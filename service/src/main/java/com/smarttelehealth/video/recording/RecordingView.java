package com.smarttelehealth.video.recording;

import java.time.Instant;

/** A recording as the API shows it. */
public record RecordingView(String recordingId, String sessionId, String name, RecordingStatus status,
        String outputMode, boolean hasAudio, boolean hasVideo, String resolution, String streamMode, String startedBy,
        Instant createdAt, Instant stoppedAt, long durationSeconds, long sizeBytes, String reason) {

    public static RecordingView of(Recording r, String sessionId) {
        return new RecordingView(r.recordingId, sessionId, r.name, r.status, r.outputMode, r.hasAudio, r.hasVideo,
                r.resolution, r.streamMode, r.startedBy, r.createdAt, r.stoppedAt, r.durationSeconds, r.sizeBytes,
                r.reason);
    }
}
