package com.smarttelehealth.video.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.smarttelehealth.video.config.VideoCallConfig;

/**
 * When a session with a window takes tokens: from {@code startsAt - graceBefore} to
 * {@code endsAt + graceAfter}, both edges included.
 */
public record AppointmentWindow(Instant startsAt, Instant endsAt, Duration graceBefore, Duration graceAfter) {

    /** The window of a session with the configured grace; empty for a session without one. */
    public static Optional<AppointmentWindow> of(Instant startsAt, Instant endsAt, VideoCallConfig.Window grace) {
        return startsAt == null || endsAt == null ? Optional.empty()
                : Optional.of(new AppointmentWindow(startsAt, endsAt, grace.graceBefore(), grace.graceAfter()));
    }

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
