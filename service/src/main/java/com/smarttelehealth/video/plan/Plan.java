package com.smarttelehealth.video.plan;

import java.util.Locale;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnumConverter;

/** A patient's video plan: premium is unlimited, basic has minutes per month, none has no video. */
public enum Plan {
    PREMIUM,
    BASIC,
    NONE;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Plan of(String value) {
        return LowercaseEnumConverter.parse(Plan.class, value);
    }

    @Converter(autoApply = true)
    public static class DbConverter extends LowercaseEnumConverter<Plan> {
        public DbConverter() {
            super(Plan.class);
        }
    }
}
