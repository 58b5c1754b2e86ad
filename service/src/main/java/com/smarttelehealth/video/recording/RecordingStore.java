package com.smarttelehealth.video.recording;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.common.persistence.Jdbc;
import com.smarttelehealth.video.common.persistence.LowercaseEnums;
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
    private static final String LOCKED = "select * from recording where id = :id for no key update";

    private final Jdbc db;
    private final EventStore events;
    private final Clock clock;

    RecordingStore(Jdbc db, EventStore events, Clock clock) {
        this.db = db;
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
        return db.sql("select r.*, s.session_id from recording r join video_session s on s.id = r.session_pk"
                + " where r.recording_id = :id").bind("id", recordingId)
                .first(row -> new Found(recording(row), row.string("session_id")));
    }

    /** The session's recordings that are recording now (started or paused). */
    @Transactional
    public List<Recording> recordingNow(long sessionPk) {
        return db.sql("select * from recording where session_pk = :s and status in ('started', 'paused')")
                .bind("s", sessionPk).list(RecordingStore::recording);
    }

    /** One page of the session's recordings, oldest first, read as a page (an index on the session and time). */
    @Transactional
    public List<Recording> page(long sessionPk, int offset, int size) {
        return db.sql("select * from recording where session_pk = :s order by created_at, id"
                + " offset :offset limit :size")
                .bind("s", sessionPk).bind("offset", offset).bind("size", size).list(RecordingStore::recording);
    }

    @Transactional
    public long count(long sessionPk) {
        return db.sql("select count(*) from recording where session_pk = :s").bind("s", sessionPk)
                .one(Jdbc.Row::firstLong);
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
        insert(recording);
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
        if (db.sql("select 1 from recording where recording_id = :id").bind("id", archive.id()).exists()) {
            return false;
        }
        insert(fromArchive(archive, sessionPk, null));
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
        db.sql("update recording set stop_asked_by = :actor, stop_reason = :reason where id = :id"
                + " and status in ('started', 'paused')").bind("actor", actorId).bind("reason", reason)
                .bind("id", recordingPk).update();
    }

    /** What the provider reports of the recording now, with who stopped it and why, if this was a stop. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Recording apply(long recordingPk, ArchiveInfo report, String actorId, String reason) {
        Recording recording = db.sql(LOCKED).bind("id", recordingPk).one(RecordingStore::recording);
        transition(recording, report, actorId, reason);
        return recording;
    }

    /**
     * A status report from a callback. An archive we did not start (a session with {@code archiveMode: always})
     * becomes a recording here.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void applyReport(long sessionPk, ArchiveInfo report) {
        Recording recording = db.sql("select * from recording where recording_id = :id for no key update")
                .bind("id", report.id()).first(RecordingStore::recording).orElse(null);
        if (recording == null) {
            recording = fromArchive(report, sessionPk, null);
            RecordingStatus reported = recording.status;
            recording.status = RecordingStatus.STARTED;
            recording.stoppedAt = null;
            insert(recording);
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
        Recording recording = db.sql(LOCKED).bind("id", recordingPk).one(RecordingStore::recording);
        if (recording.advanceTo(RecordingStatus.DELETED, clock.instant())) {
            save(recording);
        }
        events.entry(recording.sessionPk, EventType.RECORDING_DELETED, actorId).recording(recording.recordingId)
                .once(EventStore.onceKey(EventType.RECORDING_DELETED, recording.recordingId)).record();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Recording setLayout(long recordingPk, Layout layout) {
        Recording recording = db.sql(LOCKED).bind("id", recordingPk).one(RecordingStore::recording);
        recording.layoutType = layout.type().value();
        recording.layoutStylesheet = layout.stylesheetOrNull();
        recording.updatedAt = clock.instant();
        save(recording);
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
        save(recording);
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

    private void insert(Recording recording) {
        recording.id = db.sql("insert into recording (recording_id, session_pk, name, status, output_mode, has_audio,"
                + " has_video, resolution, stream_mode, layout_type, layout_stylesheet, started_by, created_at,"
                + " updated_at, stopped_at, duration_seconds, size_bytes, reason) values (:recordingId, :session,"
                + " :name, :status, :outputMode, :audio, :video, :resolution, :streamMode, :layoutType, :stylesheet,"
                + " :startedBy, :createdAt, :updatedAt, :stoppedAt, :duration, :size, :reason) returning id")
                .bind("recordingId", recording.recordingId).bind("session", recording.sessionPk)
                .bind("name", recording.name).bind("status", recording.status.value())
                .bind("outputMode", recording.outputMode).bind("audio", recording.hasAudio)
                .bind("video", recording.hasVideo).bind("resolution", recording.resolution)
                .bind("streamMode", recording.streamMode).bind("layoutType", recording.layoutType)
                .bind("stylesheet", recording.layoutStylesheet).bind("startedBy", recording.startedBy)
                .bind("createdAt", recording.createdAt).bind("updatedAt", recording.updatedAt)
                .bind("stoppedAt", recording.stoppedAt).bind("duration", recording.durationSeconds)
                .bind("size", recording.sizeBytes).bind("reason", recording.reason)
                .one(Jdbc.Row::firstLong);
    }

    /** Writes what a change of the recording can move: its status and times, its figures, layout and reason. */
    private void save(Recording recording) {
        db.sql("update recording set status = :status, updated_at = :updatedAt, stopped_at = :stoppedAt,"
                + " duration_seconds = :duration, size_bytes = :size, reason = :reason, layout_type = :layoutType,"
                + " layout_stylesheet = :stylesheet where id = :id")
                .bind("status", recording.status.value()).bind("updatedAt", recording.updatedAt)
                .bind("stoppedAt", recording.stoppedAt).bind("duration", recording.durationSeconds)
                .bind("size", recording.sizeBytes).bind("reason", recording.reason)
                .bind("layoutType", recording.layoutType).bind("stylesheet", recording.layoutStylesheet)
                .bind("id", recording.id).update();
    }

    private static Recording recording(Jdbc.Row row) throws SQLException {
        Recording recording = new Recording();
        recording.id = row.longValue("id");
        recording.recordingId = row.string("recording_id");
        recording.sessionPk = row.longValue("session_pk");
        recording.name = row.string("name");
        recording.status = LowercaseEnums.parse(RecordingStatus.class, row.string("status"));
        recording.outputMode = row.string("output_mode");
        recording.hasAudio = row.bool("has_audio");
        recording.hasVideo = row.bool("has_video");
        recording.resolution = row.string("resolution");
        recording.streamMode = row.string("stream_mode");
        recording.layoutType = row.string("layout_type");
        recording.layoutStylesheet = row.string("layout_stylesheet");
        recording.startedBy = row.string("started_by");
        recording.createdAt = row.instant("created_at");
        recording.updatedAt = row.instant("updated_at");
        recording.stoppedAt = row.instant("stopped_at");
        recording.durationSeconds = row.longValue("duration_seconds");
        recording.sizeBytes = row.longValue("size_bytes");
        recording.reason = row.string("reason");
        recording.stopAskedBy = row.string("stop_asked_by");
        recording.stopReason = row.string("stop_reason");
        return recording;
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
