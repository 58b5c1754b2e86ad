package com.smarttelehealth.video.session;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnums;

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
        return LowercaseEnums.parse(SessionType.class, value);
    }
}
