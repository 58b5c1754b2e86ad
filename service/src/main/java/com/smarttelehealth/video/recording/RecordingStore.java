package com.smarttelehealth.video.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.provider.ArchiveInfo;

/**
 * The recordings' store: the only class that writes {@code recording}, each change with its events in one
 * transaction. A status only moves forward, and leaving the recording states, becoming available or failing is
 * logged once, whoever sees it first (our stop, a refresh, or a callback on any replica).
 */
@ApplicationScoped
public class RecordingStore {

    private static final Logger LOG = Logger.getLogger(RecordingStore.class);
    private static final List<RecordingStatus> RECORDING = List.of(RecordingStatus.STARTED, RecordingStatus.PAUSED);

    private final EntityManager em;
    private final EventStore events;
    private final Clock clock;

    RecordingStore(EntityManager em, EventStore events, Clock clock) {
        this.em = em;
        this.events = events;
        this.clock = clock;
    }

    /** A recording with the OpenTok id of its session. */
    public record Found(Recording recording, String sessionId) {
        public RecordingView view() {
            return RecordingView.of(recording, sessionId);
        }
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    @Transactional
    public Optional<Found> find(String recordingId) {
        return em.createQuery("select r, s.sessionId from Recording r, VideoSession s where r.sessionPk = s.id"
                + " and r.recordingId = :id", Object[].class).setParameter("id", recordingId).getResultList().stream()
                .findFirst().map(row -> new Found((Recording) row[0], (String) row[1]));
    }

    /** The session's recordings that are recording now (started or paused). */
    @Transactional
    public List<Recording> recordingNow(long sessionPk) {
        return em.createQuery("select r from Recording r where r.sessionPk = :s and r.status in :statuses",
                Recording.class).setParameter("s", sessionPk).setParameter("statuses", RECORDING).getResultList();
    }

    /** One page of the session's recordings, oldest first, read as a page (an index on the session and time). */
    @Transactional
    public List<Recording> page(long sessionPk, int offset, int size) {
        return em.createQuery("select r from Recording r where r.sessionPk = :s order by r.createdAt, r.id",
                Recording.class).setParameter("s", sessionPk).setFirstResult(offset).setMaxResults(size)
                .getResultList();
    }

    @Transactional
    public long count(long sessionPk) {
        return em.createQuery("select count(r) from Recording r where r.sessionPk = :s", Long.class)
                .setParameter("s", sessionPk).getSingleResult();
    }

    // ---- writes ------------------------------------------------------------------------------------------------

    /** A recording the provider has just started for us, and its {@code recording_started}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Recording saveStarted(long sessionPk, ArchiveInfo archive, String startedBy, Layout layout) {
        Recording recording = fromArchive(archive, sessionPk, startedBy);
        if (layout != null) {
            recording.layoutType = layout.type().value();
            recording.layoutStylesheet = layout.stylesheetOrNull();
        }
        em.persist(recording);
        events.entry(sessionPk, EventType.RECORDING_STARTED, startedBy).recording(recording.recordingId)
                .detail("outputMode", recording.outputMode)
                .once(EventStore.onceKey(EventType.RECORDING_STARTED, recording.recordingId)).record();
        return recording;
    }

    /**
     * An archive the provider has for one of our sessions that we have no row for (a start whose write failed,
     * or {@code archiveMode: always}); answers whether it was added here. A concurrent add of the same archive
     * fails on its unique id.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean adopt(long sessionPk, ArchiveInfo archive) {
        if (em.createQuery("select count(r) from Recording r where r.recordingId = :id", Long.class)
                .setParameter("id", archive.id()).getSingleResult() > 0) {
            return false;
        }
        Recording recording = fromArchive(archive, sessionPk, null);
        em.persist(recording);
        em.flush();
        events.entry(sessionPk, EventType.RECORDING_STARTED, null).recording(archive.id()).detail("reconciled", true)
                .once(EventStore.onceKey(EventType.RECORDING_STARTED, archive.id())).record();
        return true;
    }

    /**
     * Keeps who asks the provider to stop the recording and why, before it is asked: a report of the stop that
     * arrives before the stop's own answer (a callback, a read of its status) is credited to them.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void askStop(long recordingPk, String actorId, String reason) {
        Recording recording = em.find(Recording.class, recordingPk, LockModeType.PESSIMISTIC_WRITE);
        if (recording.status.isRecording()) {
            recording.stopAskedBy = actorId;
            recording.stopReason = reason;
        }
    }

    /** What the provider reports of the recording now, with who stopped it and why, if this was a stop. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Recording apply(long recordingPk, ArchiveInfo report, String actorId, String reason) {
        Recording recording = em.find(Recording.class, recordingPk, LockModeType.PESSIMISTIC_WRITE);
        transition(recording, report, actorId, reason);
        return recording;
    }

    /**
     * A status report from a callback. An archive we did not start (a session with {@code archiveMode: always})
     * becomes a recording here.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void applyReport(long sessionPk, ArchiveInfo report) {
        Recording recording = em.createQuery("select r from Recording r where r.recordingId = :id", Recording.class)
                .setParameter("id", report.id()).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream().findFirst().orElse(null);
        if (recording == null) {
            recording = fromArchive(report, sessionPk, null);
            RecordingStatus reported = recording.status;
            recording.status = RecordingStatus.STARTED;
            recording.stoppedAt = null;
            em.persist(recording);
            events.entry(sessionPk, EventType.RECORDING_STARTED, null).recording(report.id()).at(recording.createdAt)
                    .detail("startedBy", "provider") // by the provider itself: the session records on its own
                    .once(EventStore.onceKey(EventType.RECORDING_STARTED, report.id())).record();
            if (reported == RecordingStatus.STARTED) {
                return;
            }
        }
        transition(recording, report, null, null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markDeleted(long recordingPk, String actorId) {
        Recording recording = em.find(Recording.class, recordingPk, LockModeType.PESSIMISTIC_WRITE);
        recording.advanceTo(RecordingStatus.DELETED, clock.instant());
        events.entry(recording.sessionPk, EventType.RECORDING_DELETED, actorId).recording(recording.recordingId)
                .once(EventStore.onceKey(EventType.RECORDING_DELETED, recording.recordingId)).record();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Recording setLayout(long recordingPk, Layout layout) {
        Recording recording = em.find(Recording.class, recordingPk);
        recording.layoutType = layout.type().value();
        recording.layoutStylesheet = layout.stylesheetOrNull();
        recording.updatedAt = clock.instant();
        return recording;
    }

    /** Audits access to a recording: who was given its download URL. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void downloaded(Recording recording, String actorId) {
        events.entry(recording.sessionPk, EventType.RECORDING_DOWNLOADED, actorId).recording(recording.recordingId)
                .record();
    }

    private void transition(Recording recording, ArchiveInfo report, String actorId, String reason) {
        RecordingStatus reported = RecordingStatus.reported(report.status());
        boolean wasRecording = recording.status.isRecording();
        if (reported == null || !recording.advanceTo(reported, clock.instant())) {
            return;
        }
        recording.durationSeconds = Math.max(recording.durationSeconds, report.durationSeconds());
        recording.sizeBytes = Math.max(recording.sizeBytes, report.sizeBytes());
        boolean stopping = wasRecording && !reported.isRecording();
        if (stopping && actorId == null && reason == null) {
            // a report of a stop we asked for, ahead of its answer: it is the asker's stop
            actorId = recording.stopAskedBy;
            reason = recording.stopReason;
        }
        if (recording.reason == null) {
            recording.reason = reason != null ? reason : report.reason();
        }
        if (stopping) {
            events.entry(recording.sessionPk, EventType.RECORDING_STOPPED, actorId).recording(recording.recordingId)
                    .detail("reason", recording.reason)
                    .once(EventStore.onceKey(EventType.RECORDING_STOPPED, recording.recordingId)).record();
        }
        EventType type = switch (reported) {
            case AVAILABLE -> EventType.RECORDING_AVAILABLE;
            case FAILED -> EventType.RECORDING_FAILED;
            default -> null;
        };
        if (type != null) {
            events.entry(recording.sessionPk, type, actorId).recording(recording.recordingId)
                    .detail("sizeBytes", recording.sizeBytes).detail("durationSeconds", recording.durationSeconds)
                    .once(EventStore.onceKey(type, recording.recordingId)).record();
        }
        LOG.debugf("Recording %s is %s", recording.recordingId, reported.value());
    }

    private Recording fromArchive(ArchiveInfo archive, long sessionPk, String startedBy) {
        Instant now = clock.instant();
        Recording recording = new Recording();
        recording.recordingId = archive.id();
        recording.sessionPk = sessionPk;
        recording.name = archive.name();
        recording.status = Optional.ofNullable(RecordingStatus.reported(archive.status()))
                .orElse(RecordingStatus.STARTED);
        recording.outputMode = archive.individual() ? "individual" : "composed";
        recording.hasAudio = archive.hasAudio();
        recording.hasVideo = archive.hasVideo();
        recording.resolution = archive.resolution();
        recording.streamMode = archive.manualStreams() ? "manual" : "auto";
        recording.startedBy = startedBy;
        recording.createdAt = archive.createdAt() == null ? now : archive.createdAt();
        recording.updatedAt = now;
        recording.durationSeconds = archive.durationSeconds();
        recording.sizeBytes = archive.sizeBytes();
        recording.reason = archive.reason();
        if (!recording.status.isRecording()) {
            recording.stoppedAt = now;
        }
        return recording;
    }
}
