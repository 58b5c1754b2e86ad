package com.smarttelehealth.video.session;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnums;

/**
 * A user's clinical role inside one session. A {@code guest} has no platform account: an invite made them a
 * participant ({@code invite/}), and only an invite does.
 */
public enum ParticipantRole {
    PROVIDER,
    PATIENT,
    OBSERVER,
    GUEST;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ParticipantRole of(String value) {
        return LowercaseEnums.parse(ParticipantRole.class, value);
    }
}
