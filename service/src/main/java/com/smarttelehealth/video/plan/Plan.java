package com.smarttelehealth.video.plan;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnums;

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
        return LowercaseEnums.parse(Plan.class, value);
    }
}
