package com.smarttelehealth.video.session;

import java.util.Locale;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnumConverter;

/** What a session is for: a consultation under a subscription plan, or a one-time appointment. */
public enum SessionType {
    CONSULTATION,
    APPOINTMENT;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SessionType of(String value) {
        return LowercaseEnumConverter.parse(SessionType.class, value);
    }

    @Converter(autoApply = true)
    public static class DbConverter extends LowercaseEnumConverter<SessionType> {
        public DbConverter() {
            super(SessionType.class);
        }
    }
}
