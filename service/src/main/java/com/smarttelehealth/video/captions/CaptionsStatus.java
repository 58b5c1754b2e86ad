package com.smarttelehealth.video.captions;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnums;

/** Where live captions stand: {@code stopped} and {@code failed} are final. ({@code starting} is never shown.) */
public enum CaptionsStatus {
    STARTING,
    STARTED,
    PAUSED,
    STOPPED,
    FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CaptionsStatus of(String value) {
        return LowercaseEnums.parse(CaptionsStatus.class, value);
    }

    boolean isFinal() {
        return this == STOPPED || this == FAILED;
    }
}
