package com.smarttelehealth.video.token;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class AppointmentWindowTest {

    private final Instant startsAt = Instant.parse("2026-11-24T10:00:00Z");
    private final Instant endsAt = Instant.parse("2026-11-24T10:30:00Z");
    private final AppointmentWindow window = new AppointmentWindow(startsAt, endsAt, Duration.ofMinutes(15),
            Duration.ofMinutes(15));

    @Test
    void opensExactlyAtTheGraceBeforeStart() {
        assertFalse(window.isOpen(Instant.parse("2026-11-24T09:44:59.999Z")));
        assertTrue(window.isOpen(Instant.parse("2026-11-24T09:45:00Z")));
    }

    @Test
    void closesJustAfterTheGraceAfterEnd() {
        assertTrue(window.isOpen(Instant.parse("2026-11-24T10:45:00Z")));
        assertFalse(window.isOpen(Instant.parse("2026-11-24T10:45:00.001Z")));
        assertTrue(window.hasClosed(Instant.parse("2026-11-24T10:45:00.001Z")));
        assertFalse(window.hasClosed(Instant.parse("2026-11-24T10:45:00Z")));
    }

    @Test
    void graceIsConfigurable() {
        AppointmentWindow strict = new AppointmentWindow(startsAt, endsAt, Duration.ZERO, Duration.ofMinutes(5));
        assertFalse(strict.isOpen(Instant.parse("2026-11-24T09:59:59Z")));
        assertTrue(strict.isOpen(Instant.parse("2026-11-24T10:00:00Z")));
        assertTrue(strict.isOpen(Instant.parse("2026-11-24T10:35:00Z")));
        assertFalse(strict.isOpen(Instant.parse("2026-11-24T10:35:01Z")));
    }
}
