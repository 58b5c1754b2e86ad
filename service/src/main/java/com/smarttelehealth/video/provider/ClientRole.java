package com.smarttelehealth.video.provider;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a client token lets its holder do in a call, from least to most. */
public enum ClientRole {
    SUBSCRIBER,
    PUBLISHER,
    MODERATOR;

    public boolean exceeds(ClientRole ceiling) {
        return ordinal() > ceiling.ordinal();
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ClientRole of(String value) {
        return ClientRole.valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
