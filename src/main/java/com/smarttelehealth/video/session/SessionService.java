package com.smarttelehealth.video.session;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.Caller;
import com.smarttelehealth.video.common.Database;
import com.smarttelehealth.video.common.FieldError;
import com.smarttelehealth.video.common.Logs;
import com.smarttelehealth.video.common.PageRequest;
import com.smarttelehealth.video.common.ProblemType;
import com.smarttelehealth.video.common.RateLimiter;
import com.smarttelehealth.video.config.VideoCallConfig;
import com.smarttelehealth.video.event.EventLog;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.opentok.OpenTokClient;
import com.smarttelehealth.video.opentok.OpenTokTokens;
import com.smarttelehealth.video.session.SessionRepository.SessionFilter;
import com.smarttelehealth.video.session.SessionRepository.SessionPage;
import com.smarttelehealth.video.session.SessionRequests.AddParticipant;
import com.smarttelehealth.video.session.SessionRequests.CreateSession;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Creates, finds, ends and staffs sessions. OpenTok is called outside any database transaction; the
 * rows of one action and its events are written in one transaction.
 */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);

    private final SessionRepository sessions;
    private final SessionAccess access;
    private final EventLog events;
    private final OpenTokClient openTok;
    private final OpenTokTokens tokens;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Event<SessionEnded> sessionEnded;
    private final Event<ParticipantRemoved> participantRemoved;
    private final RateLimiter rateLimiter;
    private final VideoCallConfig config;

    SessionService(SessionRepository sessions, SessionAccess access, EventLog events, OpenTokClient openTok,
            OpenTokTokens tokens, Clock clock,
            MeterRegistry registry, Event<SessionEnded> sessionEnded, Event<ParticipantRemoved> participantRemoved,
            RateLimiter rateLimiter, VideoCallConfig config) {
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.sessions = sessions;
        this.access = access;
        this.events = events;
        this.openTok = openTok;
        this.tokens = tokens;
        this.clock = clock;
        this.registry = registry;
        this.sessionEnded = sessionEnded;
        this.participantRemoved = participantRemoved;
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
        Optional<CreateResult> reused = reuseActiveWithRetry(request, caller);
        if (reused.isPresent()) {
            count("success");
            return reused.get();
        }
        String sessionId;
        try {
            sessionId = openTok.createSession(request.mediaModeOrDefault() == MediaMode.RELAYED,
                    request.archiveModeOrDefault() == ArchiveMode.ALWAYS);
        } catch (ApiException e) {
            count("error");
            throw e;
        }
        try {
            CreateResult result = QuarkusTransaction.requiringNew().call(() -> insert(request, caller, sessionId));
            count("success");
            return result;
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) {
                count("error");
                throw e;
            }
            // Another request created the active session for this consultation first: use that one.
            // The OpenTok session made here is simply never used; OpenTok sessions cost nothing idle.
            LOG.debugf("Lost the create race for consultation %s / appointment %s; reusing the winner",
                    request.consultationId(), request.appointmentId());
            Optional<CreateResult> winner = reuseActiveWithRetry(request, caller);
            count(winner.isPresent() ? "success" : "error");
            return winner.orElseThrow(() -> new ApiException(ProblemType.CONFLICT,
                    "The session for this consultation changed meanwhile. Try again."));
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SessionView get(String sessionId, Caller caller) {
        return view(access.visible(sessionId, caller));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SessionPage list(SessionFilter filter, PageRequest page, Caller caller) {
        return sessions.search(filter, caller.isOperator() ? null : caller.userId(), page);
    }

    /** Ends a session; ending an ended one changes nothing. */
    public void end(String sessionId, Caller caller) {
        Optional<SessionEnded> ended = QuarkusTransaction.requiringNew().call(() -> {
            VideoSession session = access.visible(sessionId, caller);
            access.requireManager(session, caller);
            return markEnded(session, caller.userId(), "ended_by_user");
        });
        ended.ifPresent(sessionEnded::fire);
    }

    /**
     * Marks the session ended and logs it, in the caller's transaction. Empty when it was ended
     * already. The caller fires the returned event once the transaction has committed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<SessionEnded> markEnded(VideoSession session, String actorId, String reason) {
        if (!session.isActive()) {
            return Optional.empty();
        }
        session.status = SessionStatus.ENDED;
        session.endedAt = clock.instant();
        session.endReason = reason;
        events.entry(session.id, EventType.SESSION_ENDED, actorId).detail("reason", reason).record();
        LOG.infof("Session %s ended by %s (%s)", session.sessionId, Logs.safe(actorId), reason);
        return Optional.of(new SessionEnded(session.id, session.sessionId, actorId, reason));
    }

    @Transactional
    public ParticipantResult addParticipant(String sessionId, AddParticipant request, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        access.requireManager(session, caller);
        if (!session.isActive()) {
            throw ApiException.conflict(ProblemType.SESSION_ENDED, "The session has ended.");
        }
        String displayName = blankToNull(request.displayName());
        Optional<Participant> existing = session.participant(request.userId());
        if (existing.isPresent()) {
            Participant participant = existing.get();
            participant.role = request.role();
            if (displayName != null) {
                participant.displayName = displayName;
            }
            events.entry(session.id, EventType.PARTICIPANT_ADDED, caller.userId())
                    .detail("userId", participant.userId).detail("role", participant.role.value())
                    .detail("updated", true).record();
            return new ParticipantResult(SessionView.ParticipantView.of(participant), false);
        }
        Participant participant = session.addParticipant(request.userId(), request.role(), displayName, clock.instant());
        sessions.flush();
        events.entry(session.id, EventType.PARTICIPANT_ADDED, caller.userId())
                .detail("userId", participant.userId).detail("role", participant.role.value()).record();
        return new ParticipantResult(SessionView.ParticipantView.of(participant), true);
    }

    public void removeParticipant(String sessionId, String userId, Caller caller) {
        ParticipantRemoved removed = QuarkusTransaction.requiringNew().call(() -> {
            VideoSession session = access.visible(sessionId, caller);
            access.requireManager(session, caller);
            Participant participant = session.participant(userId)
                    .orElseThrow(() -> ApiException.notFound("The participant"));
            session.participants.remove(participant);
            events.entry(session.id, EventType.PARTICIPANT_REMOVED, caller.userId())
                    .detail("userId", userId).detail("role", participant.role.value()).record();
            return new ParticipantRemoved(session.id, session.sessionId, userId, caller.userId());
        });
        participantRemoved.fire(removed);
    }

    public SessionView view(VideoSession session) {
        return SessionView.of(session, tokens.apiKey());
    }

    /** Reuses the active session; a concurrent add of the same participant is retried on fresh data. */
    private Optional<CreateResult> reuseActiveWithRetry(CreateSession request, Caller caller) {
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> reuseActive(request, caller));
            } catch (RuntimeException e) {
                if (attempt >= 3 || !Database.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private Optional<CreateResult> reuseActive(CreateSession request, Caller caller) {
        Optional<VideoSession> active = Optional.empty();
        if (request.consultationId() != null) {
            active = sessions.findActiveByConsultation(request.consultationId());
        }
        if (active.isEmpty() && request.appointmentId() != null) {
            active = sessions.findActiveByAppointment(request.appointmentId());
        }
        return active.map(session -> {
            addMissingParticipants(session, request, caller);
            return new CreateResult(view(session), false);
        });
    }

    private CreateResult insert(CreateSession request, Caller caller, String openTokSessionId) {
        Instant now = clock.instant();
        VideoSession session = new VideoSession();
        session.sessionId = openTokSessionId;
        session.name = request.name().strip();
        session.type = request.typeOrDefault();
        session.status = SessionStatus.ACTIVE;
        session.consultationId = request.consultationId();
        session.appointmentId = request.appointmentId();
        session.chatRoomId = request.chatRoomId();
        session.mediaMode = request.mediaModeOrDefault();
        session.archiveMode = request.archiveModeOrDefault();
        session.e2ee = Boolean.TRUE.equals(request.e2ee());
        if (request.window() != null) {
            session.windowStartsAt = request.window().startsAt();
            session.windowEndsAt = request.window().endsAt();
        }
        session.createdBy = caller.userId();
        session.createdAt = now;
        sessions.persist(session);
        sessions.flush();
        events.entry(session.id, EventType.SESSION_CREATED, caller.userId())
                .detail("type", session.type.value()).detail("mediaMode", session.mediaMode.value())
                .detail("archiveMode", session.archiveMode.value()).record();
        LOG.infof("Session %s (%s) created by %s", session.sessionId, session.type.value(), Logs.safe(caller.userId()));
        addMissingParticipants(session, request, caller);
        return new CreateResult(view(session), true);
    }

    private void addMissingParticipants(VideoSession session, CreateSession request, Caller caller) {
        List<Participant> added = new ArrayList<>();
        Instant now = clock.instant();
        if (caller.groups().contains(Caller.PROVIDER) && session.participant(caller.userId()).isEmpty()) {
            added.add(session.addParticipant(caller.userId(), ParticipantRole.PROVIDER, caller.displayName(), now));
        }
        for (AddParticipant requested : request.participantsOrEmpty()) {
            if (session.participant(requested.userId()).isEmpty()) {
                added.add(session.addParticipant(requested.userId(), requested.role(),
                        blankToNull(requested.displayName()), now));
            }
        }
        if (added.isEmpty()) {
            return;
        }
        sessions.flush();
        for (Participant participant : added) {
            events.entry(session.id, EventType.PARTICIPANT_ADDED, caller.userId())
                    .detail("userId", participant.userId).detail("role", participant.role.value()).record();
        }
    }

    /** The rules that tie fields together; single-field bounds are on the request record. */
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
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    private void count(String outcome) {
        registry.counter("videocall.sessions.created", "outcome", outcome).increment();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
