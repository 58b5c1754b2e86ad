package com.smarttelehealth.video.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.cleanup.CleanupStore;
import com.smarttelehealth.video.cleanup.ProviderCleanup;
import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.FieldError;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.common.web.ProviderProblems;
import com.smarttelehealth.video.common.web.RateLimiter;
import com.smarttelehealth.video.config.VideoCallConfig;
import com.smarttelehealth.video.provider.VideoProvider;
import com.smarttelehealth.video.session.SessionRequests.AddParticipant;
import com.smarttelehealth.video.session.SessionRequests.CreateSession;
import com.smarttelehealth.video.session.SessionStore.SessionFilter;
import com.smarttelehealth.video.session.SessionStore.SessionPage;
import com.smarttelehealth.video.session.SessionStore.Wanted;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Creates, finds, ends and staffs sessions. The provider is called outside any database transaction; each
 * change and its events are one transaction of the {@link SessionStore}.
 */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);

    private final SessionStore sessions;
    private final SessionAccess access;
    private final VideoProvider provider;
    private final MeterRegistry registry;
    private final CleanupStore cleanupState;
    private final ProviderCleanup cleanup;
    private final RateLimiter rateLimiter;
    private final VideoCallConfig config;

    SessionService(SessionStore sessions, SessionAccess access, VideoProvider provider, MeterRegistry registry,
            CleanupStore cleanupState, ProviderCleanup cleanup, RateLimiter rateLimiter, VideoCallConfig config) {
        this.sessions = sessions;
        this.access = access;
        this.provider = provider;
        this.registry = registry;
        this.cleanupState = cleanupState;
        this.cleanup = cleanup;
        this.rateLimiter = rateLimiter;
        this.config = config;
    }

    /** The outcome of a create: the session, and whether it is new (201) or an active one reused (200). */
    public record CreateResult(SessionView session, boolean created) {
    }

    public record ParticipantResult(SessionView.ParticipantView participant, boolean created) {
    }

    public CreateResult create(CreateSession request, Caller caller) {
        try {
            rateLimiter.acquire("session-create", caller.userId(), config.rateLimit().sessionCreatesPerMinute());
            validate(request);
        } catch (ApiException e) {
            count("rejected");
            throw e;
        }
        List<Wanted> wanted = wanted(request, caller);
        Optional<CreateResult> existing = existing(sessions.reuseActive(request, wanted, caller));
        if (existing.isPresent()) {
            return existing.get();
        }
        String sessionId = provider.createSession(request.mediaModeOrDefault() == MediaMode.RELAYED,
                request.archiveModeOrDefault() == ArchiveMode.ALWAYS).orElseThrow(outcome -> {
                    count("error");
                    return ProviderProblems.of(outcome);
                });
        boolean waitingRoom = request.waitingRoom() != null ? request.waitingRoom() : config.waitingRoom().byDefault();
        Optional<VideoSession> created = sessions.create(request, sessionId, waitingRoom, wanted, caller.userId());
        if (created.isPresent()) {
            count("success");
            // just made: nothing of it can be left to clean up at the provider, so no query asks
            return new CreateResult(SessionView.of(created.get(), provider.clientKey(), false), true);
        }
        // Another request created the active session for this consultation first: the same rule decides whether
        // this caller may have it. The provider session made here is simply never used; sessions cost nothing idle.
        LOG.debugf("Lost the create race for consultation %s / appointment %s", request.consultationId(),
                request.appointmentId());
        return existing(sessions.reuseActive(request, wanted, caller)).orElseThrow(() -> {
            count("error");
            return new ApiException(ProblemType.CONFLICT, "The session for this consultation changed meanwhile. Try again.");
        });
    }

    /**
     * The answer to a create that found an active session of the same consultation or appointment: that session
     * for a caller who takes part in it (or an operator), and 409 for anyone else, which names nothing of it.
     */
    private Optional<CreateResult> existing(SessionStore.Existing existing) {
        if (existing instanceof SessionStore.Existing.Reused reused) {
            count("reused");
            return Optional.of(new CreateResult(view(reused.session()), false));
        }
        if (existing instanceof SessionStore.Existing.Refused) {
            count("rejected");
            throw new ApiException(ProblemType.CONFLICT,
                    "An active session already exists for this consultation or appointment, and you take no part in it."
                            + " Ask one of its providers to add you.");
        }
        return Optional.empty();
    }

    public SessionView get(String sessionId, Caller caller) {
        return view(access.visible(sessionId, caller));
    }

    public SessionPage list(SessionFilter filter, PageRequest page, Caller caller) {
        return sessions.search(filter, caller, page);
    }

    /**
     * Ends a session; ending an ended one changes nothing. It is ended at once, whatever the provider does: what
     * is left to stop there is recorded with the change, started at once beside the answer (which does not wait
     * for the provider), and retried until done.
     */
    public void end(String sessionId, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        access.requireManager(session, caller);
        sessions.end(session.id, caller.userId(), "ended_by_user")
                .ifPresent(ended -> cleanup.startFor(ended.sessionPk()));
    }

    public ParticipantResult addParticipant(String sessionId, AddParticipant request, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        access.requireManager(session, caller);
        if (request.role() == ParticipantRole.GUEST) {
            throw ApiException.validation("role", GUESTS_BY_INVITE);
        }
        if (!session.isActive()) {
            throw ended();
        }
        SessionStore.ParticipantChange change = sessions.putParticipant(session.id,
                new Wanted(request.userId(), request.role(), blankToNull(request.displayName())), caller.userId())
                .orElseThrow(SessionService::ended);
        return new ParticipantResult(SessionView.ParticipantView.of(change.participant()), change.created());
    }

    public void removeParticipant(String sessionId, String userId, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        access.requireManager(session, caller);
        // asked again under the session's lock: a concurrent removal may have come first
        if (session.participant(userId).isEmpty() || !sessions.removeParticipant(session.id, userId, caller.userId())) {
            throw ApiException.notFound("The participant");
        }
        cleanup.startFor(session.id);
    }

    private static ApiException ended() {
        return ApiException.conflict(ProblemType.SESSION_ENDED, "The session has ended.");
    }

    public SessionView view(VideoSession session) {
        return views(List.of(session)).get(0);
    }

    /** The sessions as the API shows them, with whether each has clean-up at the provider pending. */
    public List<SessionView> views(List<VideoSession> page) {
        Set<Long> pending = cleanupState.pendingAmong(page.stream().map(s -> s.id).toList());
        return page.stream().map(s -> SessionView.of(s, provider.clientKey(), pending.contains(s.id))).toList();
    }

    /** Who a create adds: a provider who creates a session takes part as a provider, then the listed participants. */
    private static List<Wanted> wanted(CreateSession request, Caller caller) {
        List<Wanted> wanted = new ArrayList<>();
        if (caller.groups().contains(Caller.PROVIDER)) {
            wanted.add(new Wanted(caller.userId(), ParticipantRole.PROVIDER, caller.displayName()));
        }
        for (AddParticipant requested : request.participantsOrEmpty()) {
            wanted.add(new Wanted(requested.userId(), requested.role(), blankToNull(requested.displayName())));
        }
        return wanted;
    }

    /** The rules that tie fields together; single-field bounds are on the request record. */
    /** Guests have no account to add: only an invite makes one. */
    private static final String GUESTS_BY_INVITE = "guest is for people without an account, who join by an invite";

    static void validate(CreateSession request) {
        List<FieldError> errors = new ArrayList<>();
        SessionType type = request.typeOrDefault();
        MediaMode mediaMode = request.mediaModeOrDefault();
        ArchiveMode archiveMode = request.archiveModeOrDefault();
        if (type == SessionType.APPOINTMENT) {
            if (request.appointmentId() == null) {
                errors.add(new FieldError("appointmentId", "is required for an appointment session"));
            }
            if (request.window() == null) {
                errors.add(new FieldError("window", "is required for an appointment session"));
            }
        }
        if (request.window() != null && request.window().startsAt() != null && request.window().endsAt() != null
                && !request.window().endsAt().isAfter(request.window().startsAt())) {
            errors.add(new FieldError("window.endsAt", "must be after window.startsAt"));
        }
        if (archiveMode == ArchiveMode.ALWAYS && mediaMode != MediaMode.ROUTED) {
            errors.add(new FieldError("archiveMode", "always needs a routed session"));
        }
        if (Boolean.TRUE.equals(request.e2ee())) {
            if (mediaMode != MediaMode.ROUTED) {
                errors.add(new FieldError("e2ee", "needs a routed session"));
            }
            if (archiveMode == ArchiveMode.ALWAYS) {
                errors.add(new FieldError("e2ee", "cannot be combined with archiveMode always"));
            }
        }
        Set<String> seen = new HashSet<>();
        List<AddParticipant> participants = request.participantsOrEmpty();
        for (int i = 0; i < participants.size(); i++) {
            AddParticipant participant = participants.get(i);
            if (participant != null && participant.userId() != null && !seen.add(participant.userId())) {
                errors.add(new FieldError("participants[" + i + "].userId", "is listed twice"));
            }
            if (participant != null && participant.role() == ParticipantRole.GUEST) {
                errors.add(new FieldError("participants[" + i + "].role", GUESTS_BY_INVITE));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    /** {@code videocall_sessions_created_total{outcome}}: success (new), reused, rejected or error. */
    private void count(String outcome) {
        registry.counter("videocall.sessions.created", "outcome", outcome).increment();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
