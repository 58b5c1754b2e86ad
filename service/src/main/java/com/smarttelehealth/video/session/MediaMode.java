package com.smarttelehealth.video.session;

import java.util.Locale;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnumConverter;

/** Routed sessions go through OpenTok's media servers and can be recorded; relayed ones are peer to peer. */
public enum MediaMode {
    ROUTED,
    RELAYED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MediaMode of(String value) {
        return LowercaseEnumConverter.parse(MediaMode.class, value);
    }

    @Converter(autoApply = true)
    public static class DbConverter extends LowercaseEnumConverter<MediaMode> {
        public DbConverter() {
            super(MediaMode.class);
        }
    }
}
