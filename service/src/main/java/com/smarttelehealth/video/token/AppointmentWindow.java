package com.smarttelehealth.video.token;

import java.time.Duration;
import java.time.Instant;

/**
 * When a session with a window takes tokens: from {@code startsAt - graceBefore} to
 * {@code endsAt + graceAfter}, both edges included.
 */
public record AppointmentWindow(Instant startsAt, Instant endsAt, Duration graceBefore, Duration graceAfter) {

    public Instant opensAt() {
        return startsAt.minus(graceBefore);
    }

    public Instant closesAt() {
        return endsAt.plus(graceAfter);
    }

    public boolean isOpen(Instant now) {
        return !now.isBefore(opensAt()) && !now.isAfter(closesAt());
    }

    public boolean hasClosed(Instant now) {
        return now.isAfter(closesAt());
    }
}
