package com.smarttelehealth.video.session;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.cleanup.CleanupStore;
import com.smarttelehealth.video.common.observability.Logs;
import com.smarttelehealth.video.common.persistence.ReactiveStatements;
import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.session.SessionRequests.CreateSession;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The sessions' store: the only class that writes {@code video_session} and {@code session_participant}, each
 * change with its events, and with the steps it calls for at the video provider ({@link CleanupStore}), in one
 * transaction. Reads answer entities with their participants; who may see a
 * session is the database's {@code session_visible_to} (V1.5.0), the rule the event page and analytics use too.
 */
@ApplicationScoped
public class SessionStore {

    private static final Logger LOG = Logger.getLogger(SessionStore.class);

    /** Why recordings, broadcasts and connections are stopped at the provider when a session ends. */
    static final String SESSION_ENDED = "session_ended";
    static final String PARTICIPANT_REMOVED = "participant_removed";
    /** A patient withdrew consent: the recording's or broadcast's {@code reason}. */
    public static final String CONSENT_WITHDRAWN = "consent_withdrawn";

    /**
     * The door's question for a reported connection, in one auto-committed statement on the I/O thread: the
     * session's row held shared while {@code connection_refusal} answers, so that an end or a removal in flight
     * either commits first (and is seen) or waits until the answer is given (and then finds the connection).
     * No row: a session we do not know.
     */
    private static final String REFUSAL = """
            select connection_refusal(s.id, $2::text) as reason from video_session s where s.session_id = $1 for share
            """;

    private final EntityManager em;
    private final EventStore events;
    private final CleanupStore cleanup;
    private final Clock clock;
    private final ReactiveStatements statements;

    SessionStore(EntityManager em, EventStore events, CleanupStore cleanup, Clock clock, ReactiveStatements statements) {
        this.em = em;
        this.events = events;
        this.cleanup = cleanup;
        this.clock = clock;
        this.statements = statements;
    }

    /** Why the user may not be in the session's call now; empty when they may, or when the session is not ours. */
    public Uni<Optional<String>> refusal(String sessionId, String userId) {
        return statements.run("Session store", REFUSAL, Tuple.of(sessionId, userId)).map(rows -> {
            for (Row row : rows) {
                return Optional.ofNullable(row.getString("reason"));
            }
            return Optional.<String> empty();
        });
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
                .getResultList().stream().findFirst().map(VideoSession.class::cast));
    }

    @Transactional
    public Optional<VideoSession> find(long sessionPk) {
        return withParticipants(Optional.ofNullable(em.find(VideoSession.class, sessionPk)));
    }

    /** Our key of the session with this OpenTok id. */
    @Transactional
    public Optional<Long> pkOf(String sessionId) {
        return em.createQuery("select s.id from VideoSession s where s.sessionId = :sessionId", Long.class)
                .setParameter("sessionId", sessionId).getResultList().stream().findFirst();
    }

    /** A page of the sessions matching the filter that the caller may see ({@code session_visible_to}). */
    @Transactional
    public SessionPage search(SessionFilter filter, Caller caller, PageRequest page) {
        StringBuilder where = new StringBuilder("function('session_visible_to', s.id, :operator, :user) = true");
        Map<String, Object> params = new HashMap<>();
        params.put("operator", caller.isOperator());
        params.put("user", caller.userId());
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

    /** What a create finds of the active session of its consultation or appointment. */
    public sealed interface Existing permits Existing.None, Existing.Refused, Existing.Reused {
        /** There is none: the create makes one. */
        record None() implements Existing {
        }

        /** There is one, and the caller takes no part in it: nothing of it is shown, nothing is changed. */
        record Refused() implements Existing {
        }

        /** There is one, and the caller takes part in it (or is admin or service): the session as it now is. */
        record Reused(VideoSession session) implements Existing {
        }
    }

    /**
     * The active session of the request's consultation (or appointment), for a caller who takes part in it or is
     * an operator. Knowing a consultation's id lets no one in: anyone else is {@link Existing.Refused}, and the
     * session is left exactly as it was. The wanted participants it lacks are added only for a caller who may
     * manage it (a provider participant, an operator), as {@code POST .../participants} would let them.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Existing reuseActive(CreateSession request, List<Wanted> wanted, Caller caller) {
        Optional<VideoSession> active = Optional.empty();
        if (request.consultationId() != null) {
            active = activeBy("consultationId", request.consultationId());
        }
        if (active.isEmpty() && request.appointmentId() != null) {
            active = activeBy("appointmentId", request.appointmentId());
        }
        if (active.isEmpty()) {
            return new Existing.None();
        }
        VideoSession session = active.get();
        Optional<Participant> taking = session.participant(caller.userId());
        if (!caller.isOperator() && taking.isEmpty()) {
            return new Existing.Refused();
        }
        if (caller.isOperator() || taking.get().role == ParticipantRole.PROVIDER) {
            addMissing(session, wanted, caller.userId());
        }
        return new Existing.Reused(withParticipants(active).orElseThrow());
    }

    /**
     * A new active session for the provider's session {@code providerSessionId}, with its participants and
     * events; empty when another request has just created the active session of the same consultation or
     * appointment (the caller then reuses that one). The insert yields to the other on the unique index rather
     * than failing, so that losing that race is no error.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<VideoSession> create(CreateSession request, String providerSessionId, boolean waitingRoom,
            List<Wanted> wanted, String actorId) {
        // the row as inserted, read back by the same statement
        Optional<VideoSession> inserted = em.createNativeQuery("insert into video_session (session_id, name, type,"
                + " status, consultation_id, appointment_id, chat_room_id, media_mode, archive_mode, e2ee,"
                + " waiting_room, window_starts_at, window_ends_at, created_by, created_at) values (:sessionId, :name,"
                + " :type, 'active', :consultation, :appointment, :chatRoom, :mediaMode, :archiveMode, :e2ee,"
                + " :waitingRoom, :startsAt, :endsAt, :createdBy, :createdAt)"
                + " on conflict do nothing returning *", VideoSession.class)
                .setParameter("sessionId", providerSessionId)
                .setParameter("name", request.name().strip())
                .setParameter("type", request.typeOrDefault().value())
                .setParameter("consultation", request.consultationId())
                .setParameter("appointment", request.appointmentId())
                .setParameter("chatRoom", request.chatRoomId())
                .setParameter("mediaMode", request.mediaModeOrDefault().value())
                .setParameter("archiveMode", request.archiveModeOrDefault().value())
                .setParameter("e2ee", Boolean.TRUE.equals(request.e2ee()))
                .setParameter("waitingRoom", waitingRoom)
                .setParameter("startsAt", request.window() == null ? null : request.window().startsAt())
                .setParameter("endsAt", request.window() == null ? null : request.window().endsAt())
                .setParameter("createdBy", actorId)
                .setParameter("createdAt", clock.instant())
                .getResultList().stream().findFirst().map(VideoSession.class::cast);
        if (inserted.isEmpty()) {
            return Optional.empty();
        }
        VideoSession session = inserted.get();
        List<EventStore.Entry> logged = new ArrayList<>(1 + wanted.size());
        logged.add(events.entry(session.id, EventType.SESSION_CREATED, actorId)
                .detail("type", session.type.value()).detail("mediaMode", session.mediaMode.value())
                .detail("archiveMode", session.archiveMode.value()).detail("waitingRoom", session.waitingRoom));
        // a new session has no one yet: every wanted participant is inserted, with no look first
        logged.addAll(insertParticipants(session.id, wanted, actorId));
        events.recordTogether(logged);
        LOG.infof("Session %s (%s) created by %s", session.sessionId, session.type.value(), Logs.safe(actorId));
        return withParticipants(Optional.of(session));
    }

    /**
     * Inserts the participants in one statement, the first of each user id in the list; answers the event of each
     * one inserted, for the caller to record with its own. One that is there already (a concurrent request's) is
     * left as it is, and has no event.
     */
    private List<EventStore.Entry> insertParticipants(long sessionPk, List<Wanted> wanted, String actorId) {
        Map<String, Wanted> byUser = new LinkedHashMap<>();
        wanted.forEach(participant -> byUser.putIfAbsent(participant.userId(), participant));
        if (byUser.isEmpty()) {
            return List.of();
        }
        List<Wanted> rows = List.copyOf(byUser.values());
        StringBuilder sql = new StringBuilder(
                "insert into session_participant (session_pk, user_id, role, display_name, added_at) values ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:session, :user").append(i).append(", :role").append(i)
                    .append(", :name").append(i).append(", :at)");
        }
        var insert = em.createNativeQuery(sql.append(" on conflict (session_pk, user_id) do nothing returning user_id")
                .toString(), String.class).setParameter("session", sessionPk).setParameter("at", clock.instant());
        for (int i = 0; i < rows.size(); i++) {
            insert.setParameter("user" + i, rows.get(i).userId()).setParameter("role" + i, rows.get(i).role().value())
                    .setParameter("name" + i, rows.get(i).displayName());
        }
        Set<Object> inserted = new HashSet<>(insert.getResultList());
        List<EventStore.Entry> added = new ArrayList<>(inserted.size());
        for (Wanted participant : rows) {
            if (inserted.contains(participant.userId())) {
                added.add(events.entry(sessionPk, EventType.PARTICIPANT_ADDED, actorId)
                        .detail("userId", participant.userId()).detail("role", participant.role().value()));
            }
        }
        return added;
    }

    /**
     * Marks the session ended and logs it, with the steps left at the provider (stop its recordings and
     * broadcasts, cut its connections); empty when it was ended already.
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

    /**
     * Adds the participant, or updates an existing one's role and name; empty when the session has ended (asked
     * again under the session's lock, since it may have ended after the caller looked).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<ParticipantChange> putParticipant(long sessionPk, Wanted wanted, String actorId) {
        VideoSession session = em.find(VideoSession.class, sessionPk, LockModeType.PESSIMISTIC_WRITE);
        if (!session.isActive()) {
            return Optional.empty();
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
            return Optional.of(new ParticipantChange(participant, false));
        }
        Participant participant = session.addParticipant(wanted.userId(), wanted.role(), wanted.displayName(),
                clock.instant());
        em.flush();
        events.entry(session.id, EventType.PARTICIPANT_ADDED, actorId)
                .detail("userId", participant.userId).detail("role", participant.role.value()).record();
        return Optional.of(new ParticipantChange(participant, true));
    }

    public record ParticipantChange(Participant participant, boolean created) {
    }

    /**
     * Adds a guest whose invite is being redeemed, in the redeem's transaction: a participant like any other from
     * then on. Empty when the session has ended or the guest is in it already (a code is used once).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Participant> addGuest(long sessionPk, String userId, String displayName) {
        VideoSession session = em.find(VideoSession.class, sessionPk, LockModeType.PESSIMISTIC_WRITE);
        if (!session.isActive() || session.participant(userId).isPresent()) {
            return Optional.empty();
        }
        Participant participant = session.addParticipant(userId, ParticipantRole.GUEST, displayName, clock.instant());
        em.flush();
        events.entry(session.id, EventType.PARTICIPANT_ADDED, userId)
                .detail("userId", userId).detail("role", ParticipantRole.GUEST.value()).record();
        return Optional.of(participant);
    }

    /**
     * Removes the participant and logs it, with the cutting of their connections; answers false when there is no
     * such participant (any more).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean removeParticipant(long sessionPk, String userId, String actorId) {
        VideoSession session = em.find(VideoSession.class, sessionPk, LockModeType.PESSIMISTIC_WRITE);
        Optional<Participant> found = session.participant(userId);
        if (found.isEmpty()) {
            return false;
        }
        Participant participant = found.get();
        session.participants.remove(participant);
        events.entry(session.id, EventType.PARTICIPANT_REMOVED, actorId)
                .detail("userId", userId).detail("role", participant.role.value()).record();
        cleanup.scheduleDisconnects(session.id, userId, actorId, PARTICIPANT_REMOVED, clock.instant());
        return true;
    }

    /**
     * A participant's own consent to recording and to broadcasting; a null leaves that one as it is. Logged when
     * it changes. A patient who withdraws either stops what it covers (a step at the provider, in the same
     * transaction). Answers the participant as it now is; empty when the user takes no part in the session.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Participant> setConsent(long sessionPk, String userId, Boolean recording, Boolean broadcast) {
        Optional<Participant> found = em.createQuery("select p from Participant p where p.session.id = :session"
                + " and p.userId = :user", Participant.class)
                .setParameter("session", sessionPk).setParameter("user", userId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream().findFirst();
        if (found.isEmpty()) {
            return found;
        }
        Participant participant = found.get();
        boolean changed = participant.consentUpdatedAt == null
                || (recording != null && participant.recordingConsent != recording)
                || (broadcast != null && participant.broadcastConsent != broadcast);
        if (recording != null) {
            participant.recordingConsent = recording;
        }
        if (broadcast != null) {
            participant.broadcastConsent = broadcast;
        }
        Instant now = clock.instant();
        participant.consentUpdatedAt = now;
        if (changed) {
            events.entry(sessionPk, EventType.CONSENT_CHANGED, userId).detail("userId", userId)
                    .detail("recording", participant.recordingConsent)
                    .detail("broadcast", participant.broadcastConsent).record();
        }
        if (participant.role == ParticipantRole.PATIENT) {
            // a "no" stops what is running even when it was "no" already: the patient said it, and it costs nothing
            if (recording != null && !recording) {
                cleanup.scheduleRecordingStops(sessionPk, userId, CONSENT_WITHDRAWN, now);
            }
            if (broadcast != null && !broadcast) {
                cleanup.scheduleBroadcastStops(sessionPk, userId, CONSENT_WITHDRAWN, now);
            }
        }
        return Optional.of(participant);
    }

    /**
     * The door: whether the user a connection was made for may be in the session's call at this moment
     * ({@code connection_refusal}, V1.7.0). When not, the connection is cut through the durable clean-up, and a
     * {@code connection_refused} event says whose it was and why, both in this transaction and each once per
     * connection, so that a redelivered callback changes nothing twice. The session's row is held shared while
     * it decides: an end or a removal in flight either commits first, and the connection is refused, or waits,
     * and then finds the connection among those it cuts. Answers the reason when refused.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<String> checkAtTheDoor(long sessionPk, String connectionId, String userId) {
        em.createNativeQuery("select id from video_session where id = :pk for share").setParameter("pk", sessionPk)
                .getResultList();
        String reason = (String) em.createNativeQuery("select connection_refusal(:pk, cast(:user as varchar))")
                .setParameter("pk", sessionPk).setParameter("user", userId).getSingleResult();
        if (reason == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        events.entry(sessionPk, EventType.CONNECTION_REFUSED, null).connection(connectionId)
                .detail("userId", userId).detail("reason", reason)
                .once(EventStore.onceKey(EventType.CONNECTION_REFUSED, connectionId)).record();
        cleanup.scheduleDisconnect(sessionPk, connectionId, null, reason, now);
        return Optional.of(reason);
    }

    private Optional<SessionEnded> markEnded(VideoSession session, String actorId, String reason) {
        if (!session.isActive()) {
            return Optional.empty();
        }
        session.status = SessionStatus.ENDED;
        session.endedAt = clock.instant();
        session.endReason = reason;
        events.entry(session.id, EventType.SESSION_ENDED, actorId).detail("reason", reason).record();
        cleanup.scheduleSessionEnd(session.id, actorId, SESSION_ENDED, session.endedAt);
        LOG.infof("Session %s ended by %s (%s)", session.sessionId, Logs.safe(actorId), reason);
        return Optional.of(new SessionEnded(session.id, session.sessionId, actorId, reason));
    }

    private Optional<VideoSession> activeBy(String field, String value) {
        return em.createQuery("select s from VideoSession s where s." + field + " = :value and s.status = :status",
                VideoSession.class).setParameter("value", value).setParameter("status", SessionStatus.ACTIVE)
                .getResultList().stream().findFirst();
    }

    /**
     * Adds the wanted participants the session lacks, each with its event. A participant that a concurrent
     * request adds first is left to it (the insert yields on the unique key), so each is added and logged once.
     */
    private void addMissing(VideoSession session, List<Wanted> wanted, String actorId) {
        List<EventStore.Entry> added = insertParticipants(session.id,
                wanted.stream().filter(participant -> session.participant(participant.userId()).isEmpty()).toList(),
                actorId);
        if (!added.isEmpty()) {
            events.recordTogether(added);
            em.refresh(session);
        }
    }

    /** Loads the participants while the transaction is open, so that the session can be read after it. */
    private static Optional<VideoSession> withParticipants(Optional<VideoSession> session) {
        session.ifPresent(s -> s.participants.size());
        return session;
    }
}
