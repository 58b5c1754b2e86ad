package com.smarttelehealth.video.invite;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnums;

/** Where an invite stands. {@code expired} is not stored: an open invite past its expiry is shown so. */
public enum InviteStatus {
    OPEN,
    REDEEMED,
    REVOKED,
    EXPIRED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static InviteStatus of(String value) {
        return LowercaseEnums.parse(InviteStatus.class, value);
    }
}
