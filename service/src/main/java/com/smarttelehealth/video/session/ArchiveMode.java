package com.smarttelehealth.video.session;

import java.util.Locale;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnumConverter;

/** Whether OpenTok records the session on its own as soon as a client publishes. */
public enum ArchiveMode {
    MANUAL,
    ALWAYS;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ArchiveMode of(String value) {
        return LowercaseEnumConverter.parse(ArchiveMode.class, value);
    }

    @Converter(autoApply = true)
    public static class DbConverter extends LowercaseEnumConverter<ArchiveMode> {
        public DbConverter() {
            super(ArchiveMode.class);
        }
    }
}
