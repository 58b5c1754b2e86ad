package com.smarttelehealth.video.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.Caller;
import com.smarttelehealth.video.common.Outcomes;
import com.smarttelehealth.video.common.Database;
import com.smarttelehealth.video.common.ProblemType;
import com.smarttelehealth.video.event.EventLog;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.opentok.ArchiveInfo;
import com.smarttelehealth.video.opentok.ArchiveSpec;
import com.smarttelehealth.video.opentok.OpenTokClient;
import com.smarttelehealth.video.recording.RecordingRequests.ConsentView;
import com.smarttelehealth.video.recording.RecordingRequests.OutputMode;
import com.smarttelehealth.video.recording.RecordingRequests.StartRecording;
import com.smarttelehealth.video.recording.RecordingRequests.StreamMode;
import com.smarttelehealth.video.session.MediaMode;
import com.smarttelehealth.video.session.Participant;
import com.smarttelehealth.video.session.ParticipantRole;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.SessionEnded;
import com.smarttelehealth.video.session.SessionRepository;
import com.smarttelehealth.video.session.VideoSession;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Recordings (OpenTok archives) with patient consent. OpenTok is called outside database
 * transactions; our rows follow OpenTok's answer. An archive OpenTok started but we failed to
 * record is found again on the next read of the session's recordings.
 */
@ApplicationScoped
public class RecordingService {

    private static final Logger LOG = Logger.getLogger(RecordingService.class);
    static final String CONSENT_WITHDRAWN = "consent_withdrawn";
    static final String SESSION_ENDED = "session_ended";

    private final RecordingRepository recordings;
    private final SessionRepository sessions;
    private final SessionAccess access;
    private final OpenTokClient openTok;
    private final EventLog events;
    private final Clock clock;
    private final MeterRegistry registry;

    RecordingService(RecordingRepository recordings, SessionRepository sessions, SessionAccess access,
            OpenTokClient openTok, EventLog events, Clock clock, MeterRegistry registry) {
        this.recordings = recordings;
        this.sessions = sessions;
        this.access = access;
        this.openTok = openTok;
        this.events = events;
        this.clock = clock;
        this.registry = registry;
    }

    /** A recording with the OpenTok id of its session. */
    public record Found(Recording recording, String sessionId) {
        public RecordingView view() {
            return RecordingView.of(recording, sessionId);
        }
    }

    public RecordingView start(String sessionId, StartRecording request, Caller caller) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "rejected";
        try {
            Target target = QuarkusTransaction.requiringNew().call(() -> {
                VideoSession session = access.visible(sessionId, caller);
                if (!caller.isService() && !access.isProvider(session, caller)) {
                    throw ApiException.forbidden("Only the session's providers and service may start a recording.");
                }
                if (!request.errors().isEmpty()) {
                    throw ApiException.validation(request.errors());
                }
                requireRecordable(session);
                if (!recordings.findRecording(session.id).isEmpty()) {
                    throw new ApiException(ProblemType.RECORDING_IN_PROGRESS, "The session is already being recorded.");
                }
                List<String> missing = session.participants.stream()
                        .filter(p -> p.role == ParticipantRole.PATIENT && !p.recordingConsent)
                        .map(p -> p.userId).toList();
                if (!missing.isEmpty()) {
                    throw new ApiException(ProblemType.CONSENT_REQUIRED,
                            missing.size() + " patient participant(s) have not consented to recording.");
                }
                return new Target(session.id, session.sessionId);
            });
            Layout layout = request.layoutOrDefault();
            ArchiveInfo archive;
            try {
                archive = openTok.startArchive(target.sessionId(), new ArchiveSpec(blankToNull(request.name()),
                        request.audio(), request.video(), request.outputModeOrDefault() == OutputMode.INDIVIDUAL,
                        request.resolution(), layout == null ? null : layout.type().value(),
                        layout == null ? null : layout.stylesheetOrNull(),
                        request.streamModeOrDefault() == StreamMode.MANUAL));
            } catch (ApiException e) {
                if (e.type() == ProblemType.CONFLICT) {
                    throw new ApiException(ProblemType.RECORDING_IN_PROGRESS, "The session is already being recorded.", e);
                }
                throw e;
            }
            Recording saved = QuarkusTransaction.requiringNew().call(() -> {
                Recording recording = fromArchive(archive, target.pk(), caller.userId());
                if (layout != null) {
                    recording.layoutType = layout.type().value();
                    recording.layoutStylesheet = layout.stylesheetOrNull();
                }
                recordings.persist(recording);
                events.entry(target.pk(), EventType.RECORDING_STARTED, caller.userId()).recording(recording.recordingId)
                        .detail("outputMode", recording.outputMode)
                        .once(EventLog.onceKey(EventType.RECORDING_STARTED, recording.recordingId)).record();
                return recording;
            });
            outcome = "success";
            return RecordingView.of(saved, target.sessionId());
        } catch (RuntimeException e) {
            outcome = Outcomes.of(e);
            throw e;
        } finally {
            registry.counter("videocall.recordings.started", "outcome", outcome).increment();
            sample.stop(Timer.builder("videocall.recording.start").description("Time to start a recording")
                    .publishPercentileHistogram().register(registry));
        }
    }

    /** Stops a recording; one that is not recording any more is answered as it is. */
    public RecordingView stop(String recordingId, Caller caller) {
        Found found = QuarkusTransaction.requiringNew().call(() -> {
            Found f = visible(recordingId, caller);
            access.requireManager(sessions.findById(f.recording().sessionPk), caller);
            return f;
        });
        if (!found.recording().status.isRecording()) {
            return found.view();
        }
        return stopAtOpenTok(found, caller.userId(), null);
    }

    public RecordingView get(String recordingId, Caller caller) {
        boolean known = QuarkusTransaction.requiringNew().call(() -> recordings.findByRecordingId(recordingId).isPresent());
        if (!known) {
            adoptFromOpenTok(recordingId);
        }
        Found found = QuarkusTransaction.requiringNew().call(() -> visible(recordingId, caller));
        return refresh(found).view();
    }

    /** An archive id we have no row for: if OpenTok has it for one of our sessions, record it. */
    private void adoptFromOpenTok(String recordingId) {
        ArchiveInfo archive;
        try {
            archive = openTok.getArchive(recordingId);
        } catch (ApiException e) {
            return; // unknown at OpenTok too, or OpenTok unreachable: answer from what we know
        }
        QuarkusTransaction.requiringNew().call(() -> sessions.findBySessionId(archive.sessionId()))
                .ifPresent(session -> reconcile(session.id, session.sessionId));
    }

    public List<RecordingView> list(String sessionId, Caller caller) {
        VideoSession session = QuarkusTransaction.requiringNew().call(() -> access.visible(sessionId, caller));
        reconcile(session.id, session.sessionId);
        List<Recording> all = QuarkusTransaction.requiringNew().call(() -> recordings.findBySession(session.id));
        return all.stream().map(r -> r.status.isSettled() ? r : refresh(new Found(r, session.sessionId)).recording())
                .map(r -> RecordingView.of(r, session.sessionId)).toList();
    }

    /** The short-lived URL of an available recording; 409 before it is available. */
    public String downloadUrl(String recordingId, Caller caller) {
        Found found = QuarkusTransaction.requiringNew().call(() -> {
            Found f = visible(recordingId, caller);
            if (caller.isService() && !caller.isAdmin()) {
                VideoSession session = sessions.findById(f.recording().sessionPk);
                if (session.participant(caller.userId()).isEmpty()) {
                    throw ApiException.forbidden("Only participants and admin may download recordings.");
                }
            }
            return f;
        });
        if (found.recording().status != RecordingStatus.AVAILABLE && found.recording().status.isSettled()) {
            throw ApiException.conflict(ProblemType.CONFLICT, "The recording is " + found.recording().status.value() + ".");
        }
        ArchiveInfo archive = openTok.getArchive(recordingId);
        apply(found.recording().id, archive);
        if (!"available".equals(archive.status()) || archive.url() == null) {
            throw ApiException.conflict(ProblemType.CONFLICT, "The recording is not available for download yet.");
        }
        return archive.url();
    }

    public void delete(String recordingId, Caller caller) {
        Found found = QuarkusTransaction.requiringNew().call(() -> {
            Found f = visible(recordingId, caller);
            VideoSession session = sessions.findById(f.recording().sessionPk);
            if (!caller.isAdmin() && !access.isProvider(session, caller)) {
                throw ApiException.forbidden("Only the session's providers and admin may delete a recording.");
            }
            return f;
        });
        Recording recording = found.recording();
        if (recording.status == RecordingStatus.DELETED) {
            return;
        }
        if (recording.status.isRecording()) {
            throw ApiException.conflict(ProblemType.CONFLICT, "Stop the recording before deleting it.");
        }
        try {
            openTok.deleteArchive(recordingId);
        } catch (ApiException e) {
            if (e.type() == ProblemType.CONFLICT) {
                throw ApiException.conflict(ProblemType.CONFLICT, "OpenTok cannot delete the recording in its current state.");
            }
            if (e.type() != ProblemType.NOT_FOUND) {
                throw e;
            }
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Recording current = recordings.findById(recording.id);
            current.advanceTo(RecordingStatus.DELETED, clock.instant());
            events.entry(current.sessionPk, EventType.RECORDING_DELETED, caller.userId()).recording(recordingId)
                    .once(EventLog.onceKey(EventType.RECORDING_DELETED, recordingId)).record();
        });
    }

    public RecordingView setLayout(String recordingId, Layout layout, Caller caller) {
        if (!layout.errors("").isEmpty()) {
            throw ApiException.validation(layout.errors(""));
        }
        Found found = QuarkusTransaction.requiringNew().call(() -> {
            Found f = visible(recordingId, caller);
            access.requireManager(sessions.findById(f.recording().sessionPk), caller);
            return f;
        });
        if (!found.recording().isComposed() || !found.recording().status.isRecording()) {
            throw ApiException.conflict(ProblemType.CONFLICT, "Only a composed recording that is recording has a layout to change.");
        }
        openTok.setArchiveLayout(recordingId, layout.type().value(), layout.stylesheetOrNull());
        Recording saved = QuarkusTransaction.requiringNew().call(() -> {
            Recording current = recordings.findById(found.recording().id);
            current.layoutType = layout.type().value();
            current.layoutStylesheet = layout.stylesheetOrNull();
            current.updatedAt = clock.instant();
            return current;
        });
        return RecordingView.of(saved, found.sessionId());
    }

    // ---- consent ------------------------------------------------------------------------------

    public ConsentView setConsent(String sessionId, boolean consent, Caller caller) {
        ConsentView view = QuarkusTransaction.requiringNew().call(() -> {
            VideoSession session = access.visible(sessionId, caller);
            Participant participant = session.participant(caller.userId())
                    .orElseThrow(() -> ApiException.forbidden("Only participants give or withdraw their own consent."));
            Instant now = clock.instant();
            boolean changed = participant.recordingConsent != consent || participant.consentUpdatedAt == null;
            participant.recordingConsent = consent;
            participant.consentUpdatedAt = now;
            if (changed) {
                events.entry(session.id, EventType.CONSENT_CHANGED, caller.userId())
                        .detail("userId", participant.userId).detail("recording", consent).record();
            }
            return new ConsentView(participant.userId, consent, now);
        });
        if (!consent) {
            VideoSession session = QuarkusTransaction.requiringNew().call(() -> access.visible(sessionId, caller));
            boolean patient = session.participant(caller.userId()).map(p -> p.role == ParticipantRole.PATIENT).orElse(false);
            if (patient) {
                for (Recording recording : QuarkusTransaction.requiringNew().call(() -> recordings.findRecording(session.id))) {
                    stopAtOpenTok(new Found(recording, session.sessionId), caller.userId(), CONSENT_WITHDRAWN);
                }
            }
        }
        return view;
    }

    public List<ConsentView> consents(String sessionId, Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> access.visible(sessionId, caller).participants.stream()
                .map(p -> new ConsentView(p.userId, p.recordingConsent, p.consentUpdatedAt)).toList());
    }

    // ---- reacting to the session --------------------------------------------------------------

    void onSessionEnded(@Observes SessionEnded ended) {
        List<Recording> running = QuarkusTransaction.requiringNew().call(() -> recordings.findRecording(ended.sessionPk()));
        for (Recording recording : running) {
            try {
                stopAtOpenTok(new Found(recording, ended.sessionId()), ended.actorId(), SESSION_ENDED);
            } catch (ApiException e) {
                LOG.warnf("Could not stop recording %s of ended session %s: %s", recording.recordingId,
                        ended.sessionId(), e.getMessage());
            }
        }
    }

    // ---- internals ----------------------------------------------------------------------------

    private RecordingView stopAtOpenTok(Found found, String actorId, String reason) {
        Timer.Sample sample = Timer.start(registry);
        try {
            ArchiveInfo archive;
            try {
                archive = openTok.stopArchive(found.recording().recordingId);
            } catch (ApiException e) {
                if (e.type() != ProblemType.CONFLICT) {
                    throw e;
                }
                archive = openTok.getArchive(found.recording().recordingId); // it had stopped on its own
            }
            ArchiveInfo stopped = archive;
            Recording saved = QuarkusTransaction.requiringNew().call(() -> {
                Recording current = recordings.findById(found.recording().id);
                transition(current, stopped, actorId, reason);
                return current;
            });
            return RecordingView.of(saved, found.sessionId());
        } finally {
            sample.stop(Timer.builder("videocall.recording.stop").description("Time to stop a recording")
                    .publishPercentileHistogram().register(registry));
        }
    }

    /** Asks OpenTok for the status of a recording that may still change; on failure, answers what we know. */
    private Found refresh(Found found) {
        if (found.recording().status.isSettled()) {
            return found;
        }
        try {
            ArchiveInfo archive = openTok.getArchive(found.recording().recordingId);
            return new Found(apply(found.recording().id, archive), found.sessionId());
        } catch (ApiException e) {
            LOG.debugf("Could not refresh recording %s: %s", found.recording().recordingId, e.getMessage());
            return found;
        }
    }

    private Recording apply(long recordingPk, ArchiveInfo archive) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Recording current = recordings.findById(recordingPk);
            applyArchive(current, archive);
            return current;
        });
    }

    private void applyArchive(Recording recording, ArchiveInfo archive) {
        transition(recording, archive, null, null);
    }

    /**
     * Applies what OpenTok reports of an archive, in the current transaction: the status moves
     * forward only, and leaving the recording states, becoming available or failing is logged once,
     * whoever sees it first (our stop, a refresh, or a callback on any replica).
     */
    private void transition(Recording recording, ArchiveInfo report, String actorId, String reason) {
        RecordingStatus reported = RecordingStatus.fromOpenTok(report.status());
        boolean wasRecording = recording.status.isRecording();
        if (reported == null || !recording.advanceTo(reported, clock.instant())) {
            return;
        }
        recording.durationSeconds = Math.max(recording.durationSeconds, report.durationSeconds());
        recording.sizeBytes = Math.max(recording.sizeBytes, report.sizeBytes());
        if (recording.reason == null) {
            recording.reason = reason != null ? reason : report.reason();
        }
        if (wasRecording && !reported.isRecording()) {
            events.entry(recording.sessionPk, EventType.RECORDING_STOPPED, actorId).recording(recording.recordingId)
                    .detail("reason", recording.reason)
                    .once(EventLog.onceKey(EventType.RECORDING_STOPPED, recording.recordingId)).record();
        }
        EventType type = switch (reported) {
            case AVAILABLE -> EventType.RECORDING_AVAILABLE;
            case FAILED -> EventType.RECORDING_FAILED;
            default -> null;
        };
        if (type != null) {
            events.entry(recording.sessionPk, type, actorId).recording(recording.recordingId)
                    .detail("sizeBytes", recording.sizeBytes).detail("durationSeconds", recording.durationSeconds)
                    .once(EventLog.onceKey(type, recording.recordingId)).record();
        }
    }

    /**
     * A status report from an OpenTok callback, in the caller's transaction. An archive we did not
     * start (a session with archiveMode always) becomes a recording here.
     */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    public void applyReport(long sessionPk, ArchiveInfo report) {
        Recording recording = recordings.findByRecordingId(report.id()).orElse(null);
        if (recording == null) {
            recording = fromArchive(report, sessionPk, null);
            RecordingStatus reported = recording.status;
            recording.status = RecordingStatus.STARTED;
            recording.stoppedAt = null;
            recordings.persist(recording);
            events.entry(sessionPk, EventType.RECORDING_STARTED, null).recording(report.id()).at(recording.createdAt)
                    .detail("startedBy", "opentok")
                    .once(EventLog.onceKey(EventType.RECORDING_STARTED, report.id())).record();
            if (reported == RecordingStatus.STARTED) {
                return;
            }
        }
        transition(recording, report, null, null);
    }

    /** Adds the archives OpenTok has for the session that we have no row for (a start whose write failed). */
    private void reconcile(long sessionPk, String sessionId) {
        List<ArchiveInfo> archives;
        try {
            archives = openTok.listArchives(sessionId);
        } catch (ApiException e) {
            LOG.debugf("Could not list OpenTok archives of %s: %s", sessionId, e.getMessage());
            return;
        }
        for (ArchiveInfo archive : archives) {
            if (!sessionId.equals(archive.sessionId())) {
                continue;
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (recordings.findByRecordingId(archive.id()).isPresent()) {
                        return;
                    }
                    Recording recording = fromArchive(archive, sessionPk, null);
                    recordings.persist(recording);
                    recordings.flush();
                    events.entry(sessionPk, EventType.RECORDING_STARTED, null).recording(archive.id())
                            .detail("reconciled", true)
                            .once(EventLog.onceKey(EventType.RECORDING_STARTED, archive.id())).record();
                    LOG.infof("Recording %s of session %s was found at OpenTok and recorded", archive.id(), sessionId);
                });
            } catch (RuntimeException e) {
                if (!Database.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private Recording fromArchive(ArchiveInfo archive, long sessionPk, String startedBy) {
        Instant now = clock.instant();
        Recording recording = new Recording();
        recording.recordingId = archive.id();
        recording.sessionPk = sessionPk;
        recording.name = archive.name();
        recording.status = Optional.ofNullable(RecordingStatus.fromOpenTok(archive.status())).orElse(RecordingStatus.STARTED);
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

    private Found visible(String recordingId, Caller caller) {
        Recording recording = recordings.findByRecordingId(recordingId)
                .orElseThrow(() -> ApiException.notFound("The recording"));
        VideoSession session = sessions.findById(recording.sessionPk);
        access.visible(session.sessionId, caller); // 404 when the caller may not see its session
        return new Found(recording, session.sessionId);
    }

    private static void requireRecordable(VideoSession session) {
        if (!session.isActive()) {
            throw ApiException.conflict(ProblemType.SESSION_ENDED, "The session has ended.");
        }
        if (session.mediaMode != MediaMode.ROUTED) {
            throw ApiException.conflict(ProblemType.NOT_RECORDABLE, "A relayed session cannot be recorded.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private record Target(long pk, String sessionId) {
    }
}
