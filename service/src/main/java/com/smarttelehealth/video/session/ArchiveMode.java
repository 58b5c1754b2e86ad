package com.smarttelehealth.video.session;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnums;

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
        return LowercaseEnums.parse(ArchiveMode.class, value);
    }
}
