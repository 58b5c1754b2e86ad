package com.smarttelehealth.video.waitingroom;

import java.time.Duration;
import java.time.Instant;

import com.smarttelehealth.video.session.ParticipantRole;

/**
 * A participant's place in the waiting room, as the API shows it. {@code waitedSeconds} runs from check-in to
 * the decision (or to now while waiting); {@code position} is 1 for the longest waiting, and null unless waiting.
 */
public record WaitingEntryView(String userId, String displayName, ParticipantRole role, WaitingStatus status,
        Instant checkedInAt, Instant decidedAt, String decidedBy, Long waitedSeconds, Integer position) {

    static Long waited(Instant checkedInAt, Instant decidedAt, Instant now) {
        if (checkedInAt == null) {
            return null;
        }
        Instant until = decidedAt != null && decidedAt.isAfter(checkedInAt) ? decidedAt : now;
        return Math.max(0, Duration.between(checkedInAt, until).toSeconds());
    }
}
