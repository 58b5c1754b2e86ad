package com.smarttelehealth.video.phone;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnums;

/** Where a phone call stands: it moves forward only, and {@code ended} and {@code failed} are final. */
public enum PhoneCallStatus {
    DIALING,
    CONNECTED,
    ENDED,
    FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PhoneCallStatus of(String value) {
        return LowercaseEnums.parse(PhoneCallStatus.class, value);
    }

    boolean isFinal() {
        return this == ENDED || this == FAILED;
    }
}
