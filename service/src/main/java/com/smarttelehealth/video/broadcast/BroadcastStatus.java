package com.smarttelehealth.video.broadcast;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** A broadcast's lifecycle: started, then stopped or failed, never back. */
public enum BroadcastStatus {
    STARTED,
    STOPPED,
    FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the status the provider reports (OpenTok and Vonage name them alike). */
    public static BroadcastStatus reported(String status) {
        try {
            return status == null ? null : valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public boolean canMoveTo(BroadcastStatus next) {
        return next != null && this == STARTED && next != STARTED;
    }
}
