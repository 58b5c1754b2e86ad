package com.smarttelehealth.video.session;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.FieldError;
import com.smarttelehealth.video.session.SessionRequests.AddParticipant;
import com.smarttelehealth.video.session.SessionRequests.CreateSession;
import com.smarttelehealth.video.session.SessionRequests.Window;

/** The cross-field rules of a session create, without booting the application. */
class SessionRulesTest {

    private static final Window WINDOW = new Window(Instant.parse("2026-11-24T10:00:00Z"),
            Instant.parse("2026-11-24T10:30:00Z"));

    @Test
    void defaultsAreARoutedManualConsultation() {
        CreateSession request = create(null, null, null, null, null, null);
        assertEquals(SessionType.CONSULTATION, request.typeOrDefault());
        assertEquals(MediaMode.ROUTED, request.mediaModeOrDefault());
        assertEquals(ArchiveMode.MANUAL, request.archiveModeOrDefault());
        assertDoesNotThrow(() -> SessionService.validate(request));
    }

    @Test
    void appointmentsNeedTheirIdAndWindow() {
        assertEquals(List.of("appointmentId", "window"), fields(create(SessionType.APPOINTMENT, null, null, null, null, null)));
        assertDoesNotThrow(() -> SessionService.validate(create(SessionType.APPOINTMENT, "a-1", null, null, null, WINDOW)));
    }

    @Test
    void archiveAlwaysAndE2eeNeedRouted() {
        assertEquals(List.of("archiveMode"), fields(create(null, null, MediaMode.RELAYED, ArchiveMode.ALWAYS, null, null)));
        assertEquals(List.of("e2ee"), fields(create(null, null, MediaMode.RELAYED, null, true, null)));
        assertEquals(List.of("e2ee"), fields(create(null, null, null, ArchiveMode.ALWAYS, true, null)));
        assertDoesNotThrow(() -> SessionService.validate(create(null, null, MediaMode.ROUTED, ArchiveMode.MANUAL, true, null)));
    }

    @Test
    void aWindowEndsAfterItStarts() {
        Window backwards = new Window(WINDOW.endsAt(), WINDOW.startsAt());
        assertEquals(List.of("window.endsAt"), fields(create(null, null, null, null, null, backwards)));
        Window empty = new Window(WINDOW.startsAt(), WINDOW.startsAt());
        assertEquals(List.of("window.endsAt"), fields(create(null, null, null, null, null, empty)));
    }

    @Test
    void aUserIsListedOnce() {
        CreateSession request = new CreateSession("x", null, null, null, null, null, null, null, null, null,
                List.of(new AddParticipant("u1", ParticipantRole.PATIENT, null),
                        new AddParticipant("u1", ParticipantRole.OBSERVER, null)));
        assertEquals(List.of("participants[1].userId"), fields(request));
    }

    private static CreateSession create(SessionType type, String appointmentId, MediaMode mediaMode,
            ArchiveMode archiveMode, Boolean e2ee, Window window) {
        return new CreateSession("x", type, null, appointmentId, null, mediaMode, archiveMode, e2ee, null, window, null);
    }

    private static List<String> fields(CreateSession request) {
        ApiException e = assertThrows(ApiException.class, () -> SessionService.validate(request));
        return e.errors().stream().map(FieldError::field).toList();
    }
}
