package com.smarttelehealth.video.recording;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.cleanup.ProviderCleanup;
import com.smarttelehealth.video.common.web.Outcomes;
import com.smarttelehealth.video.common.persistence.Database;
import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.PageResponse;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.common.web.ProviderProblems;
import com.smarttelehealth.video.provider.ArchiveInfo;
import com.smarttelehealth.video.provider.ArchiveSpec;
import com.smarttelehealth.video.provider.Outcome;
import com.smarttelehealth.video.provider.VideoProvider;
import com.smarttelehealth.video.recording.RecordingRequests.Consent;
import com.smarttelehealth.video.recording.RecordingRequests.ConsentView;
import com.smarttelehealth.video.recording.RecordingRequests.OutputMode;
import com.smarttelehealth.video.recording.RecordingRequests.StartRecording;
import com.smarttelehealth.video.recording.RecordingRequests.StreamMode;
import com.smarttelehealth.video.recording.RecordingStore.Found;
import com.smarttelehealth.video.session.MediaMode;
import com.smarttelehealth.video.session.Participant;
import com.smarttelehealth.video.session.ParticipantRole;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.SessionStore;
import com.smarttelehealth.video.session.VideoSession;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Recordings (provider archives) with patient consent. The provider is called outside database transactions;
 * our rows follow its answer. An archive the provider started but we failed to record is found again on the
 * next read of the session's recordings.
 */
@ApplicationScoped
public class RecordingService {

    private static final Logger LOG = Logger.getLogger(RecordingService.class);

    private final RecordingStore recordings;
    private final SessionStore sessions;
    private final SessionAccess access;
    private final VideoProvider provider;
    private final ProviderCleanup cleanup;
    private final MeterRegistry registry;
    private final Timer startTimer;
    private final Timer stopTimer;

    RecordingService(RecordingStore recordings, SessionStore sessions, SessionAccess access, VideoProvider provider,
            ProviderCleanup cleanup, MeterRegistry registry) {
        this.recordings = recordings;
        this.sessions = sessions;
        this.access = access;
        this.provider = provider;
        this.cleanup = cleanup;
        this.registry = registry;
        this.startTimer = Timer.builder("videocall.recording.start").description("Time to start a recording")
                .publishPercentileHistogram().register(registry);
        this.stopTimer = Timer.builder("videocall.recording.stop").description("Time to stop a recording")
                .publishPercentileHistogram().register(registry);
    }

    public RecordingView start(String sessionId, StartRecording request, Caller caller) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "rejected";
        try {
            VideoSession session = access.visible(sessionId, caller);
            if (!caller.isService() && !access.isProvider(session, caller)) {
                throw ApiException.forbidden("Only the session's providers and service may start a recording.");
            }
            if (!request.errors().isEmpty()) {
                throw ApiException.validation(request.errors());
            }
            requireRecordable(session);
            if (!recordings.recordingNow(session.id).isEmpty()) {
                throw new ApiException(ProblemType.RECORDING_IN_PROGRESS, "The session is already being recorded.");
            }
            List<String> missing = session.participants.stream()
                    .filter(p -> p.role == ParticipantRole.PATIENT && !p.recordingConsent)
                    .map(p -> p.userId).toList();
            if (!missing.isEmpty()) {
                throw new ApiException(ProblemType.CONSENT_REQUIRED,
                        missing.size() + " patient participant(s) have not consented to recording.");
            }
            Layout layout = request.layoutOrDefault();
            ArchiveInfo archive = provider.startArchive(session.sessionId, new ArchiveSpec(blankToNull(request.name()),
                    request.audio(), request.video(), request.outputModeOrDefault() == OutputMode.INDIVIDUAL,
                    request.resolution(), layout == null ? null : layout.type().value(),
                    layout == null ? null : layout.stylesheetOrNull(),
                    request.streamModeOrDefault() == StreamMode.MANUAL)).orElseThrow(failure ->
                            failure instanceof Outcome.Conflict
                                    ? new ApiException(ProblemType.RECORDING_IN_PROGRESS,
                                            "The session is already being recorded.")
                                    : ProviderProblems.of(failure));
            Recording saved = recordings.saveStarted(session.id, archive, caller.userId(), layout);
            outcome = "success";
            return RecordingView.of(saved, session.sessionId);
        } catch (RuntimeException e) {
            outcome = Outcomes.of(e);
            throw e;
        } finally {
            registry.counter("videocall.recordings.started", "outcome", outcome).increment();
            sample.stop(startTimer);
        }
    }

    /** Stops a recording; one that is not recording any more is answered as it is. */
    public RecordingView stop(String recordingId, Caller caller) {
        Visible visible = visible(recordingId, caller);
        access.requireManager(visible.session(), caller);
        Found found = visible.found();
        if (!found.recording().status.isRecording()) {
            return found.view();
        }
        return stopAtProvider(found, caller.userId(), null);
    }

    /**
     * A recording we know, if the caller may see its session; else 404, decided before any provider call. An
     * archive we have no row for is found by a read of its session's recordings, which is checked first.
     */
    public RecordingView get(String recordingId, Caller caller) {
        return refresh(visible(recordingId, caller).found()).view();
    }

    /**
     * One page of the session's recordings. One call to the provider whatever their number: its list of the
     * session's archives adopts those we have no row for, and brings the page's unsettled ones up to date (one
     * that list does not hold, past its newest 1,000, is asked for on its own).
     */
    public PageResponse<RecordingView> list(String sessionId, PageRequest page, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        Map<String, ArchiveInfo> listed = reconcile(session.id, session.sessionId);
        List<RecordingView> items = recordings.page(session.id, page.offset(), page.size()).stream()
                .map(r -> r.status.isSettled() ? r : Optional.ofNullable(listed.get(r.recordingId))
                        .map(archive -> recordings.apply(r.id, archive, null, null))
                        .orElseGet(() -> refresh(new Found(r, session.sessionId)).recording()))
                .map(r -> RecordingView.of(r, session.sessionId)).toList();
        return new PageResponse<>(items, page.page(), page.size(), recordings.count(session.id));
    }

    /** The short-lived URL of an available recording; 409 before it is available. Each URL given out is audited. */
    public String downloadUrl(String recordingId, Caller caller) {
        Visible visible = visible(recordingId, caller);
        Found found = visible.found();
        if (caller.isService() && !caller.isAdmin() && visible.session().participant(caller.userId()).isEmpty()) {
            throw ApiException.forbidden("Only participants and admin may download recordings.");
        }
        Recording recording = found.recording();
        if (recording.status != RecordingStatus.AVAILABLE && recording.status.isSettled()) {
            throw ApiException.conflict(ProblemType.CONFLICT, "The recording is " + recording.status.value() + ".");
        }
        ArchiveInfo archive = provider.getArchive(recordingId).orElseThrow(ProviderProblems::of);
        recordings.apply(recording.id, archive, null, null);
        if (!"available".equals(archive.status()) || archive.url() == null) {
            throw ApiException.conflict(ProblemType.CONFLICT, "The recording is not available for download yet.");
        }
        recordings.downloaded(recording, caller.userId());
        return archive.url();
    }

    public void delete(String recordingId, Caller caller) {
        Visible visible = visible(recordingId, caller);
        Found found = visible.found();
        if (!caller.isAdmin() && !access.isProvider(visible.session(), caller)) {
            throw ApiException.forbidden("Only the session's providers and admin may delete a recording.");
        }
        Recording recording = found.recording();
        if (recording.status == RecordingStatus.DELETED) {
            return;
        }
        if (recording.status.isRecording()) {
            throw ApiException.conflict(ProblemType.CONFLICT, "Stop the recording before deleting it.");
        }
        Outcome<Void> deleted = provider.deleteArchive(recordingId);
        if (deleted instanceof Outcome.Conflict) {
            throw ApiException.conflict(ProblemType.CONFLICT, "OpenTok cannot delete the recording in its current state.");
        }
        if (!deleted.isFound() && !(deleted instanceof Outcome.NotFound)) {
            throw ProviderProblems.of(deleted);
        }
        recordings.markDeleted(recording.id, caller.userId());
    }

    public RecordingView setLayout(String recordingId, Layout layout, Caller caller) {
        if (!layout.errors("").isEmpty()) {
            throw ApiException.validation(layout.errors(""));
        }
        Visible visible = visible(recordingId, caller);
        access.requireManager(visible.session(), caller);
        Found found = visible.found();
        if (!found.recording().isComposed() || !found.recording().status.isRecording()) {
            throw ApiException.conflict(ProblemType.CONFLICT, "Only a composed recording that is recording has a layout to change.");
        }
        provider.setArchiveLayout(recordingId, layout.type().value(), layout.stylesheetOrNull())
                .orElseThrow(ProviderProblems::of);
        return RecordingView.of(recordings.setLayout(found.recording().id, layout), found.sessionId());
    }

    // ---- consent ------------------------------------------------------------------------------

    /**
     * A participant's own consent to recording and to broadcasting (a null leaves that one as it is). A patient's
     * "no" stops the recording or broadcast it covers: the stop is recorded with the change, and started at once
     * beside the answer.
     */
    public ConsentView setConsent(String sessionId, Consent consent, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        Participant participant = sessions.setConsent(session.id, caller.userId(), consent.recording(),
                consent.broadcast())
                .orElseThrow(() -> ApiException.forbidden("Only participants give or withdraw their own consent."));
        if (participant.role == ParticipantRole.PATIENT
                && (Boolean.FALSE.equals(consent.recording()) || Boolean.FALSE.equals(consent.broadcast()))) {
            cleanup.startFor(session.id);
        }
        return ConsentView.of(participant);
    }

    public List<ConsentView> consents(String sessionId, Caller caller) {
        return access.visible(sessionId, caller).participants.stream().map(ConsentView::of).toList();
    }

    /**
     * A status report from a callback. An archive we did not start (a session with {@code archiveMode: always})
     * becomes a recording here.
     */
    public void applyReport(long sessionPk, ArchiveInfo report) {
        recordings.applyReport(sessionPk, report);
    }

    // ---- clean-up --------------------------------------------------------------------------

    /**
     * A recording stop that a committed change asked for (the session ended, consent withdrawn): found when it
     * is done (stopped now, or not recording any more); else what the provider answered, to try again.
     */
    public Outcome<?> finishStop(String recordingId, String actorId, String reason) {
        Optional<Found> found = recordings.find(recordingId);
        if (found.isEmpty() || !found.get().recording().status.isRecording()) {
            return Outcome.found(null);
        }
        recordings.askStop(found.get().recording().id, actorId, reason);
        Outcome<ArchiveInfo> stopped = stopArchive(recordingId);
        if (stopped instanceof Outcome.NotFound) {
            LOG.warnf("Recording %s is unknown to the video platform: nothing left to stop", recordingId);
            return Outcome.found(null);
        }
        if (stopped instanceof Outcome.Found<ArchiveInfo> archive) {
            recordings.apply(found.get().recording().id, archive.value(), actorId, reason);
        }
        return stopped;
    }

    // ---- internals ----------------------------------------------------------------------------

    private RecordingView stopAtProvider(Found found, String actorId, String reason) {
        Timer.Sample sample = Timer.start(registry);
        try {
            recordings.askStop(found.recording().id, actorId, reason);
            ArchiveInfo archive = stopArchive(found.recording().recordingId).orElseThrow(ProviderProblems::of);
            return RecordingView.of(recordings.apply(found.recording().id, archive, actorId, reason), found.sessionId());
        } finally {
            sample.stop(stopTimer);
        }
    }

    /** Stops the archive at the provider; one that had stopped on its own is read back as it is. */
    private Outcome<ArchiveInfo> stopArchive(String recordingId) {
        Outcome<ArchiveInfo> stopped = provider.stopArchive(recordingId);
        return stopped instanceof Outcome.Conflict ? provider.getArchive(recordingId) : stopped;
    }

    /** Asks the provider for the status of a recording that may still change; on failure, answers what we know. */
    private Found refresh(Found found) {
        if (found.recording().status.isSettled()) {
            return found;
        }
        Outcome<ArchiveInfo> archive = provider.getArchive(found.recording().recordingId);
        if (archive instanceof Outcome.Found<ArchiveInfo> current) {
            return new Found(recordings.apply(found.recording().id, current.value(), null, null), found.sessionId());
        }
        LOG.debugf("Could not refresh recording %s: %s", found.recording().recordingId, archive);
        return found;
    }

    /**
     * Adds the archives the provider has for the session that we have no row for (a start whose write failed);
     * answers what it listed, by id (empty when the provider did not answer).
     */
    private Map<String, ArchiveInfo> reconcile(long sessionPk, String sessionId) {
        Outcome<List<ArchiveInfo>> listed = provider.listArchives(sessionId);
        if (!(listed instanceof Outcome.Found<List<ArchiveInfo>> archives)) {
            LOG.debugf("Could not list the provider's archives of %s: %s", sessionId, listed);
            return Map.of();
        }
        Map<String, ArchiveInfo> byId = new HashMap<>();
        for (ArchiveInfo archive : archives.value()) {
            if (!sessionId.equals(archive.sessionId())) {
                continue;
            }
            byId.put(archive.id(), archive);
            try {
                if (recordings.adopt(sessionPk, archive)) {
                    LOG.infof("Recording %s of session %s was found at the provider and recorded", archive.id(),
                            sessionId);
                }
            } catch (RuntimeException e) {
                if (!Database.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
        return byId;
    }

    /** A recording and its session as the caller may see it. */
    private record Visible(Found found, VideoSession session) {
    }

    /** The recording with its session, if the caller may see that session; else 404. */
    private Visible visible(String recordingId, Caller caller) {
        Found found = recordings.find(recordingId).orElseThrow(() -> ApiException.notFound("The recording"));
        return new Visible(found, access.visible(found.sessionId(), caller));
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
}
