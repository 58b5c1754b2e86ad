package com.smarttelehealth.video.recording;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An archive's lifecycle. A status only moves forward: started and paused alternate while recording;
 * then stopped, uploaded, available; expired, failed and deleted end it. A late or repeated report
 * of an earlier status changes nothing (OpenTok may send {@code uploaded} before {@code stopped}).
 */
public enum RecordingStatus {
    STARTED(0),
    PAUSED(0),
    STOPPED(1),
    UPLOADED(2),
    AVAILABLE(3),
    EXPIRED(4),
    FAILED(4),
    DELETED(5);

    private final int rank;

    RecordingStatus(int rank) {
        this.rank = rank;
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the status the provider reports (OpenTok and Vonage name them alike); null when it names none. */
    public static RecordingStatus reported(String status) {
        if (status == null) {
            return null;
        }
        try {
            return valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public boolean isRecording() {
        return rank == 0;
    }

    /** Whether OpenTok will not change it any more; until then a read asks OpenTok ({@code uploaded} may still become {@code available}). */
    public boolean isSettled() {
        return rank >= 3;
    }

    /** Whether a report of {@code next} may replace this status. */
    public boolean canMoveTo(RecordingStatus next) {
        return next != null && (next.rank > rank || (isRecording() && next.isRecording() && next != this));
    }
}
