package com.smarttelehealth.video.session;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnums;

/** Whether a session still takes tokens. */
public enum SessionStatus {
    ACTIVE,
    ENDED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SessionStatus of(String value) {
        return LowercaseEnums.parse(SessionStatus.class, value);
    }
}
