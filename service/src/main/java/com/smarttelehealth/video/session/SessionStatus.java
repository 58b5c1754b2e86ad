package com.smarttelehealth.video.session;

import java.util.Locale;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnumConverter;

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
        return LowercaseEnumConverter.parse(SessionStatus.class, value);
    }

    @Converter(autoApply = true)
    public static class DbConverter extends LowercaseEnumConverter<SessionStatus> {
        public DbConverter() {
            super(SessionStatus.class);
        }
    }
}
