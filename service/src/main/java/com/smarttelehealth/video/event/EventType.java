package com.smarttelehealth.video.event;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.persistence.LowercaseEnums;

/** What happened in or to a session. Names are snake_case nouns with a past-tense verb. */
public enum EventType {
    SESSION_CREATED,
    SESSION_ENDED,
    PARTICIPANT_ADDED,
    PARTICIPANT_REMOVED,
    TOKEN_ISSUED,
    CONNECTION_CREATED,
    CONNECTION_DESTROYED,
    STREAM_CREATED,
    STREAM_DESTROYED,
    RECORDING_STARTED,
    RECORDING_STOPPED,
    RECORDING_AVAILABLE,
    RECORDING_FAILED,
    RECORDING_DELETED,
    BROADCAST_STARTED,
    BROADCAST_STOPPED,
    CONSENT_CHANGED,
    CONNECTION_DISCONNECTED,
    SESSION_MUTED,
    QUOTA_EXHAUSTED,
    QUALITY_REPORTED,
    RECORDING_DOWNLOADED,
    CONNECTION_REFUSED,
    PARTICIPANT_CHECKED_IN,
    PARTICIPANT_ADMITTED,
    PARTICIPANT_DECLINED,
    PARTICIPANT_SENT_BACK,
    INVITE_CREATED,
    INVITE_REDEEMED,
    INVITE_REVOKED,
    PHONE_CALL_STARTED,
    PHONE_CALL_ENDED,
    CAPTIONS_STARTED,
    CAPTIONS_STOPPED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@code ?type=} filter; null when it names no event type. */
    public static EventType fromValue(String value) {
        try {
            return LowercaseEnums.parse(EventType.class, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
