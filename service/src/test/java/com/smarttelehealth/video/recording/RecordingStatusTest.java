package com.smarttelehealth.video.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Callback and refresh ordering: a status only moves forward. */
class RecordingStatusTest {

    @Test
    void movesForwardOnly() {
        assertTrue(RecordingStatus.STARTED.canMoveTo(RecordingStatus.STOPPED));
        assertTrue(RecordingStatus.STOPPED.canMoveTo(RecordingStatus.AVAILABLE));
        assertFalse(RecordingStatus.AVAILABLE.canMoveTo(RecordingStatus.STOPPED));
        assertFalse(RecordingStatus.UPLOADED.canMoveTo(RecordingStatus.STOPPED), "uploaded may come before stopped");
        assertFalse(RecordingStatus.STOPPED.canMoveTo(RecordingStatus.STARTED));
        assertFalse(RecordingStatus.STOPPED.canMoveTo(RecordingStatus.STOPPED), "a repeat changes nothing");
        assertTrue(RecordingStatus.AVAILABLE.canMoveTo(RecordingStatus.DELETED));
        assertFalse(RecordingStatus.DELETED.canMoveTo(RecordingStatus.AVAILABLE));
        assertFalse(RecordingStatus.FAILED.canMoveTo(RecordingStatus.EXPIRED));
    }

    @Test
    void pauseAndResumeAlternate() {
        assertTrue(RecordingStatus.STARTED.canMoveTo(RecordingStatus.PAUSED));
        assertTrue(RecordingStatus.PAUSED.canMoveTo(RecordingStatus.STARTED));
        assertTrue(RecordingStatus.PAUSED.canMoveTo(RecordingStatus.STOPPED));
    }

    @Test
    void outOfOrderReportsEndWhereOpenTokEnds() {
        Recording recording = new Recording();
        recording.status = RecordingStatus.STARTED;
        Instant t = Instant.parse("2026-11-24T10:00:00Z");
        assertTrue(recording.advanceTo(RecordingStatus.UPLOADED, t));
        assertFalse(recording.advanceTo(RecordingStatus.STOPPED, t.plusSeconds(1)));
        assertTrue(recording.advanceTo(RecordingStatus.AVAILABLE, t.plusSeconds(2)));
        assertFalse(recording.advanceTo(RecordingStatus.UPLOADED, t.plusSeconds(3)));
        assertEquals(RecordingStatus.AVAILABLE, recording.status);
        assertEquals(t, recording.stoppedAt, "stopped when it left the recording states");
    }

    @Test
    void readsOpenTokStatuses() {
        assertEquals(RecordingStatus.AVAILABLE, RecordingStatus.reported("available"));
        assertNull(RecordingStatus.reported("exploded"));
        assertFalse(RecordingStatus.UPLOADED.isSettled());
        assertTrue(RecordingStatus.AVAILABLE.isSettled());
    }
}
