package com.smarttelehealth.video.session;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnums;

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
        return LowercaseEnums.parse(MediaMode.class, value);
    }
}
