package com.smarttelehealth.video.recording;

import java.time.Instant;

/** An OpenTok archive of one of our sessions. */
public class Recording {

    public Long id;

    /** The OpenTok archive id. */
    public String recordingId;

    public Long sessionPk;

    public String name;
    public RecordingStatus status;
    /** composed or individual */
    public String outputMode;
    public boolean hasAudio;
    public boolean hasVideo;
    public String resolution;
    /** auto or manual */
    public String streamMode;
    public String layoutType;
    public String layoutStylesheet;
    public String startedBy;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant stoppedAt;
    public long durationSeconds;
    public long sizeBytes;
    public String reason;
    /** Who last asked the provider to stop it, and why: what a report of the stop is credited to (V1.14.0). */
    public String stopAskedBy;
    public String stopReason;

    public boolean isComposed() {
        return "composed".equals(outputMode);
    }

    /** Applies a reported status if it moves forward; answers whether it did. */
    public boolean advanceTo(RecordingStatus next, Instant at) {
        if (status != null && !status.canMoveTo(next)) {
            return false;
        }
        if (next == RecordingStatus.STOPPED || (status != null && status.isRecording() && !next.isRecording())) {
            stoppedAt = stoppedAt == null ? at : stoppedAt;
        }
        status = next;
        updatedAt = at;
        return true;
    }
}
