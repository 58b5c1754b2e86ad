package com.smarttelehealth.video.session;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.common.observability.Logs;
import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.session.SessionRequests.CreateSession;

/**
 * The sessions' store: the only class that writes {@code video_session} and {@code session_participant}, each
 * change with its events in one transaction. Reads answer entities with their participants; who may see a
 * session is the database's {@code session_visible_to} (V1.5.0), the rule the event page and analytics use too.
 */
@ApplicationScoped
public class SessionStore {

    private static final Logger LOG = Logger.getLogger(SessionStore.class);

    private final EntityManager em;
    private final EventStore events;
    private final Clock clock;

    SessionStore(EntityManager em, EventStore events, Clock clock) {
        this.em = em;
        this.events = events;
        this.clock = clock;
    }

    /** A participant a create or a reuse adds when missing. */
    public record Wanted(String userId, ParticipantRole role, String displayName) {
    }

    public record SessionFilter(String consultationId, String appointmentId, String chatRoomId, SessionStatus status) {
    }

    public record SessionPage(List<VideoSession> sessions, long total) {
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    /** The session, if the caller may see it ({@code session_visible_to}); empty both when unknown and when not. */
    @Transactional
    public Optional<VideoSession> findVisible(String sessionId, Caller caller) {
        return withParticipants(em.createNativeQuery("select s.* from video_session s where s.session_id = :id"
                + " and session_visible_to(s.id, :operator, :user)", VideoSession.class)
                .setParameter("id", sessionId).setParameter("operator", caller.isOperator())
                .setParameter("user", caller.userId())
                .getResultStream().findFirst().map(VideoSession.class::cast));
    }

    @Transactional
    public Optional<VideoSession> find(long sessionPk) {
        return withParticipants(Optional.ofNullable(em.find(VideoSession.class, sessionPk)));
    }

    /** Our key of the session with this OpenTok id. */
    @Transactional
    public Optional<Long> pkOf(String sessionId) {
        return em.createQuery("select s.id from VideoSession s where s.sessionId = :sessionId", Long.class)
                .setParameter("sessionId", sessionId).getResultStream().findFirst();
    }

    /** A page of sessions matching the filter; {@code participantUserId} limits it to that user's sessions. */
    @Transactional
    public SessionPage search(SessionFilter filter, String participantUserId, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (participantUserId != null) {
            where.append(" and exists (select 1 from Participant p where p.session = s and p.userId = :userId)");
            params.put("userId", participantUserId);
        }
        if (filter.consultationId() != null) {
            where.append(" and s.consultationId = :consultationId");
            params.put("consultationId", filter.consultationId());
        }
        if (filter.appointmentId() != null) {
            where.append(" and s.appointmentId = :appointmentId");
            params.put("appointmentId", filter.appointmentId());
        }
        if (filter.chatRoomId() != null) {
            where.append(" and s.chatRoomId = :chatRoomId");
            params.put("chatRoomId", filter.chatRoomId());
        }
        if (filter.status() != null) {
            where.append(" and s.status = :status");
            params.put("status", filter.status());
        }
        var count = em.createQuery("select count(s) from VideoSession s where " + where, Long.class);
        var query = em.createQuery("select s from VideoSession s where " + where + " order by s.createdAt desc, s.id desc",
                VideoSession.class)
                .setFirstResult(page.offset())
                .setMaxResults(page.size());
        params.forEach((name, value) -> {
            count.setParameter(name, value);
            query.setParameter(name, value);
        });
        long total = count.getSingleResult();
        List<VideoSession> sessions = query.getResultList();
        sessions.forEach(session -> session.participants.size());
        return new SessionPage(sessions, total);
    }

    // ---- writes ------------------------------------------------------------------------------------------------

    /**
     * The active session of the request's consultation (or appointment), with the wanted participants it lacks
     * added; empty when there is none.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<VideoSession> reuseActive(CreateSession request, List<Wanted> wanted, String actorId) {
        Optional<VideoSession> active = Optional.empty();
        if (request.consultationId() != null) {
            active = activeBy("consultationId", request.consultationId());
        }
        if (active.isEmpty() && request.appointmentId() != null) {
            active = activeBy("appointmentId", request.appointmentId());
        }
        active.ifPresent(session -> addMissing(session, wanted, actorId));
        return withParticipants(active);
    }

    /** A new active session for the provider's session {@code providerSessionId}, with its participants and events. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public VideoSession create(CreateSession request, String providerSessionId, List<Wanted> wanted, String actorId) {
        VideoSession session = new VideoSession();
        session.sessionId = providerSessionId;
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
        session.createdBy = actorId;
        session.createdAt = clock.instant();
        em.persist(session);
        em.flush();
        events.entry(session.id, EventType.SESSION_CREATED, actorId)
                .detail("type", session.type.value()).detail("mediaMode", session.mediaMode.value())
                .detail("archiveMode", session.archiveMode.value()).record();
        LOG.infof("Session %s (%s) created by %s", session.sessionId, session.type.value(), Logs.safe(actorId));
        addMissing(session, wanted, actorId);
        return session;
    }

    /**
     * Marks the session ended and logs it; empty when it was ended already. The caller acts on the answer
     * once this has committed.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<SessionEnded> end(long sessionPk, String actorId, String reason) {
        VideoSession session = em.find(VideoSession.class, sessionPk, LockModeType.PESSIMISTIC_WRITE);
        return session == null ? Optional.empty() : markEnded(session, actorId, reason);
    }

    /**
     * Ends the appointment sessions whose window closed before {@code closedBefore}, at most {@code limit} of
     * them. They are taken with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work and each session is
     * ended once.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<SessionEnded> endClosedAppointments(Instant closedBefore, int limit, String reason) {
        @SuppressWarnings("unchecked")
        List<Number> due = em.createNativeQuery("select id from video_session where status = 'active'"
                + " and type = 'appointment' and window_ends_at < :closedBefore order by window_ends_at limit :limit"
                + " for update skip locked")
                .setParameter("closedBefore", closedBefore).setParameter("limit", limit).getResultList();
        List<SessionEnded> ended = new ArrayList<>();
        for (Number id : due) {
            markEnded(em.find(VideoSession.class, id.longValue()), null, reason).ifPresent(ended::add);
        }
        return ended;
    }

    /** Adds the participant, or updates an existing one's role and name; 409 when the session has ended. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ParticipantChange putParticipant(long sessionPk, Wanted wanted, String actorId) {
        VideoSession session = em.find(VideoSession.class, sessionPk, LockModeType.PESSIMISTIC_WRITE);
        if (!session.isActive()) {
            throw ApiException.conflict(ProblemType.SESSION_ENDED, "The session has ended.");
        }
        Optional<Participant> existing = session.participant(wanted.userId());
        if (existing.isPresent()) {
            Participant participant = existing.get();
            participant.role = wanted.role();
            if (wanted.displayName() != null) {
                participant.displayName = wanted.displayName();
            }
            events.entry(session.id, EventType.PARTICIPANT_ADDED, actorId)
                    .detail("userId", participant.userId).detail("role", participant.role.value())
                    .detail("updated", true).record();
            return new ParticipantChange(participant, false);
        }
        Participant participant = session.addParticipant(wanted.userId(), wanted.role(), wanted.displayName(),
                clock.instant());
        em.flush();
        events.entry(session.id, EventType.PARTICIPANT_ADDED, actorId)
                .detail("userId", participant.userId).detail("role", participant.role.value()).record();
        return new ParticipantChange(participant, true);
    }

    public record ParticipantChange(Participant participant, boolean created) {
    }

    /** Removes the participant and logs it; 404 when the session has no such participant. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ParticipantRemoved removeParticipant(long sessionPk, String userId, String actorId) {
        VideoSession session = em.find(VideoSession.class, sessionPk, LockModeType.PESSIMISTIC_WRITE);
        Participant participant = session.participant(userId).orElseThrow(() -> ApiException.notFound("The participant"));
        session.participants.remove(participant);
        events.entry(session.id, EventType.PARTICIPANT_REMOVED, actorId)
                .detail("userId", userId).detail("role", participant.role.value()).record();
        return new ParticipantRemoved(session.id, session.sessionId, userId, actorId);
    }

    /** A participant's own recording consent; logged when it changes. Answers the participant as it now is. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Participant setConsent(long sessionPk, String userId, boolean consent) {
        Participant participant = em.createQuery("select p from Participant p where p.session.id = :session"
                + " and p.userId = :user", Participant.class)
                .setParameter("session", sessionPk).setParameter("user", userId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst()
                .orElseThrow(() -> ApiException.forbidden("Only participants give or withdraw their own consent."));
        boolean changed = participant.recordingConsent != consent || participant.consentUpdatedAt == null;
        participant.recordingConsent = consent;
        participant.consentUpdatedAt = clock.instant();
        if (changed) {
            events.entry(sessionPk, EventType.CONSENT_CHANGED, userId)
                    .detail("userId", userId).detail("recording", consent).record();
        }
        return participant;
    }

    private Optional<SessionEnded> markEnded(VideoSession session, String actorId, String reason) {
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

    private Optional<VideoSession> activeBy(String field, String value) {
        return em.createQuery("select s from VideoSession s where s." + field + " = :value and s.status = :status",
                VideoSession.class).setParameter("value", value).setParameter("status", SessionStatus.ACTIVE)
                .getResultStream().findFirst();
    }

    private void addMissing(VideoSession session, List<Wanted> wanted, String actorId) {
        List<Participant> added = new ArrayList<>();
        Instant now = clock.instant();
        for (Wanted participant : wanted) {
            if (session.participant(participant.userId()).isEmpty()) {
                added.add(session.addParticipant(participant.userId(), participant.role(), participant.displayName(),
                        now));
            }
        }
        if (added.isEmpty()) {
            return;
        }
        em.flush();
        for (Participant participant : added) {
            events.entry(session.id, EventType.PARTICIPANT_ADDED, actorId)
                    .detail("userId", participant.userId).detail("role", participant.role.value()).record();
        }
    }

    /** Loads the participants while the transaction is open, so that the session can be read after it. */
    private static Optional<VideoSession> withParticipants(Optional<VideoSession> session) {
        session.ifPresent(s -> s.participants.size());
        return session;
    }
}
