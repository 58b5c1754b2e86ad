package com.smarttelehealth.video.waitingroom;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a participant stands in a session's waiting room. */
public enum WaitingStatus {
    WAITING,
    ADMITTED,
    DECLINED,
    SENT_BACK;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static WaitingStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
