package com.smarttelehealth.video.session;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.cleanup.CleanupStore;
import com.smarttelehealth.video.common.observability.Logs;
import com.smarttelehealth.video.common.persistence.Jdbc;
import com.smarttelehealth.video.common.persistence.ReactiveStatements;
import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.session.SessionRequests.CreateSession;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The sessions' store: the only class that writes {@code video_session} and {@code session_participant}, each
 * change with its events, and with the steps it calls for at the video provider ({@link CleanupStore}), in one
 * transaction. Reads answer sessions with their participants; who may see a
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

    private static final String PARTICIPANTS = "select * from session_participant where session_pk = :session"
            + " order by added_at, id";

    /** A participant's columns beside the session's in one statement's answer, each named with this prefix. */
    private static final String PARTICIPANT_PREFIX = "p_";
    private static final String PREFIXED_PARTICIPANT = Stream.of("id", "user_id", "role", "display_name", "added_at",
            "recording_consent", "broadcast_consent", "consent_updated_at")
            .map(column -> "p." + column + " as " + PARTICIPANT_PREFIX + column).collect(Collectors.joining(", "));

    private final Jdbc db;
    private final EventStore events;
    private final CleanupStore cleanup;
    private final Clock clock;
    private final ReactiveStatements statements;

    SessionStore(Jdbc db, EventStore events, CleanupStore cleanup, Clock clock, ReactiveStatements statements) {
        this.db = db;
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
        return withParticipants(db.sql("select s.* from video_session s where s.session_id = :id"
                + " and session_visible_to(s.id, :operator, :user)")
                .bind("id", sessionId).bind("operator", caller.isOperator()).bind("user", caller.userId())
                .first(SessionStore::session));
    }

    @Transactional
    public Optional<VideoSession> find(long sessionPk) {
        return withParticipants(db.sql("select * from video_session where id = :pk").bind("pk", sessionPk)
                .first(SessionStore::session));
    }

    /** Our key of the session with this OpenTok id. */
    @Transactional
    public Optional<Long> pkOf(String sessionId) {
        return db.sql("select id from video_session where session_id = :sessionId").bind("sessionId", sessionId)
                .first(Jdbc.Row::firstLong);
    }

    /** A page of the sessions matching the filter that the caller may see ({@code session_visible_to}). */
    @Transactional
    public SessionPage search(SessionFilter filter, Caller caller, PageRequest page) {
        StringBuilder where = new StringBuilder("session_visible_to(s.id, :operator, :user)");
        Map<String, Object> params = new HashMap<>();
        params.put("operator", caller.isOperator());
        params.put("user", caller.userId());
        if (filter.consultationId() != null) {
            where.append(" and s.consultation_id = :consultationId");
            params.put("consultationId", filter.consultationId());
        }
        if (filter.appointmentId() != null) {
            where.append(" and s.appointment_id = :appointmentId");
            params.put("appointmentId", filter.appointmentId());
        }
        if (filter.chatRoomId() != null) {
            where.append(" and s.chat_room_id = :chatRoomId");
            params.put("chatRoomId", filter.chatRoomId());
        }
        if (filter.status() != null) {
            where.append(" and s.status = :status");
            params.put("status", filter.status().value());
        }
        Jdbc.Statement count = db.sql("select count(*) from video_session s where " + where);
        Jdbc.Statement query = db.sql("select s.* from video_session s where " + where
                + " order by s.created_at desc, s.id desc offset :offset limit :limit")
                .bind("offset", page.offset()).bind("limit", page.size());
        params.forEach((name, value) -> {
            count.bind(name, value);
            query.bind(name, value);
        });
        long total = count.one(Jdbc.Row::firstLong);
        List<VideoSession> sessions = query.list(SessionStore::session);
        if (!sessions.isEmpty()) {
            Map<Long, VideoSession> byPk = new HashMap<>();
            sessions.forEach(session -> byPk.put(session.id, session));
            db.sql("select * from session_participant where session_pk = any(:sessions) order by added_at, id")
                    .bind("sessions", byPk.keySet().toArray(Long[]::new))
                    .list(row -> Map.entry(row.longValue("session_pk"), participant(row)))
                    .forEach(member -> byPk.get(member.getKey()).participants.add(member.getValue()));
        }
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
     * manage it (a provider participant, an operator), as {@code POST .../participants} would let them. The look
     * takes no transaction of its own (a create's usual case: there is none, one statement); only adding the
     * missing participants does.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Existing reuseActive(CreateSession request, List<Wanted> wanted, Caller caller) {
        Optional<VideoSession> active = Optional.empty();
        if (request.consultationId() != null) {
            active = activeBy("consultation_id", request.consultationId());
        }
        if (active.isEmpty() && request.appointmentId() != null) {
            active = activeBy("appointment_id", request.appointmentId());
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
        return new Existing.Reused(session);
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
        // the first of each user id; a new session has no one yet, so every one of them is inserted
        List<Wanted> people = firstOfEachUser(wanted);
        // one statement: the session's row and its participants' rows, read back by it (a round trip less than two
        // inserts); nothing at all when the session's insert yields to another request's on the unique index
        StringBuilder sql = new StringBuilder("with s as (insert into video_session (session_id, name, type,"
                + " status, consultation_id, appointment_id, chat_room_id, media_mode, archive_mode, e2ee,"
                + " waiting_room, window_starts_at, window_ends_at, created_by, created_at) values (:sessionId, :name,"
                + " :type, 'active', :consultation, :appointment, :chatRoom, :mediaMode, :archiveMode, :e2ee,"
                + " :waitingRoom, :startsAt, :endsAt, :createdBy, :createdAt)"
                + " on conflict do nothing returning *)");
        if (people.isEmpty()) {
            sql.append(" select s.* from s");
        } else {
            sql.append(", p as (insert into session_participant (session_pk, user_id, role, display_name, added_at)"
                    + " select s.id, w.user_id, w.role, w.display_name, :createdAt from s cross join (");
            appendParticipantValues(sql, people.size());
            sql.append(") as w (user_id, role, display_name) returning *) select s.*, ").append(PREFIXED_PARTICIPANT)
                    .append(" from s join p on true");
        }
        Jdbc.Statement insert = db.sql(sql.toString())
                .bind("sessionId", providerSessionId)
                .bind("name", request.name().strip())
                .bind("type", request.typeOrDefault().value())
                .bind("consultation", request.consultationId())
                .bind("appointment", request.appointmentId())
                .bind("chatRoom", request.chatRoomId())
                .bind("mediaMode", request.mediaModeOrDefault().value())
                .bind("archiveMode", request.archiveModeOrDefault().value())
                .bind("e2ee", Boolean.TRUE.equals(request.e2ee()))
                .bind("waitingRoom", waitingRoom)
                .bind("startsAt", request.window() == null ? null : request.window().startsAt())
                .bind("endsAt", request.window() == null ? null : request.window().endsAt())
                .bind("createdBy", actorId)
                .bind("createdAt", clock.instant());
        bindParticipantValues(insert, people);
        // a row for each participant, each with the session's columns too (one row, the session's, when none)
        Map<String, Participant> inserted = new HashMap<>();
        List<VideoSession> rows = insert.list(row -> {
            if (!people.isEmpty()) {
                Participant participant = participant(row.prefixed(PARTICIPANT_PREFIX));
                inserted.put(participant.userId, participant);
            }
            return session(row);
        });
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        VideoSession session = rows.get(0);
        List<EventStore.Entry> logged = new ArrayList<>(1 + people.size());
        logged.add(events.entry(session.id, EventType.SESSION_CREATED, actorId)
                .detail("type", session.type.value()).detail("mediaMode", session.mediaMode.value())
                .detail("archiveMode", session.archiveMode.value()).detail("waitingRoom", session.waitingRoom));
        session.participants.addAll(inListOrder(people, inserted, session.id, actorId, logged));
        events.recordTogether(logged);
        LOG.infof("Session %s (%s) created by %s", session.sessionId, session.type.value(), Logs.safe(actorId));
        return Optional.of(session);
    }

    /**
     * Inserts the participants in one statement, the first of each user id in the list; answers those inserted, in
     * the list's order, and adds the event of each to {@code logged}, for the caller to record with its own. One
     * that is there already (a concurrent request's) is left as it is, and has no event.
     */
    private List<Participant> insertParticipants(long sessionPk, List<Wanted> wanted, String actorId,
            List<EventStore.Entry> logged) {
        List<Wanted> people = firstOfEachUser(wanted);
        if (people.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder(
                "insert into session_participant (session_pk, user_id, role, display_name, added_at)"
                        + " select :session, w.user_id, w.role, w.display_name, :at from (");
        appendParticipantValues(sql, people.size());
        Jdbc.Statement insert = db.sql(sql.append(") as w (user_id, role, display_name)"
                + " on conflict (session_pk, user_id) do nothing returning *").toString())
                .bind("session", sessionPk).bind("at", clock.instant());
        bindParticipantValues(insert, people);
        Map<String, Participant> inserted = new HashMap<>();
        insert.list(SessionStore::participant).forEach(participant -> inserted.put(participant.userId, participant));
        return inListOrder(people, inserted, sessionPk, actorId, logged);
    }

    private static List<Wanted> firstOfEachUser(List<Wanted> wanted) {
        Map<String, Wanted> byUser = new LinkedHashMap<>();
        wanted.forEach(participant -> byUser.putIfAbsent(participant.userId(), participant));
        return List.copyOf(byUser.values());
    }

    /** {@code values (:user0, :role0, :name0), ...}: one row for each of {@code count} participants. */
    private static void appendParticipantValues(StringBuilder sql, int count) {
        sql.append("values ");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ", ").append("(:user").append(i).append(", :role").append(i)
                    .append(", :name").append(i).append(")");
        }
    }

    private static void bindParticipantValues(Jdbc.Statement statement, List<Wanted> people) {
        for (int i = 0; i < people.size(); i++) {
            statement.bind("user" + i, people.get(i).userId()).bind("role" + i, people.get(i).role().value())
                    .bind("name" + i, people.get(i).displayName());
        }
    }

    /** Those of {@code people} that were inserted, in their order, each with its event added to {@code logged}. */
    private List<Participant> inListOrder(List<Wanted> people, Map<String, Participant> inserted, long sessionPk,
            String actorId, List<EventStore.Entry> logged) {
        List<Participant> added = new ArrayList<>(inserted.size());
        for (Wanted participant : people) {
            if (inserted.containsKey(participant.userId())) {
                added.add(inserted.get(participant.userId()));
                logged.add(events.entry(sessionPk, EventType.PARTICIPANT_ADDED, actorId)
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
        return locked(sessionPk).flatMap(session -> markEnded(session, actorId, reason));
    }

    /**
     * Ends the appointment sessions whose window closed before {@code closedBefore}, at most {@code limit} of
     * them. They are taken with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work and each session is
     * ended once.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<SessionEnded> endClosedAppointments(Instant closedBefore, int limit, String reason) {
        List<VideoSession> due = db.sql("select * from video_session where status = 'active'"
                + " and type = 'appointment' and window_ends_at < :closedBefore order by window_ends_at limit :limit"
                + " for update skip locked")
                .bind("closedBefore", closedBefore).bind("limit", limit).list(SessionStore::session);
        List<SessionEnded> ended = new ArrayList<>();
        for (VideoSession session : due) {
            markEnded(session, null, reason).ifPresent(ended::add);
        }
        return ended;
    }

    /**
     * Adds the participant, or updates an existing one's role and name; empty when the session has ended (asked
     * again under the session's lock, since it may have ended after the caller looked).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<ParticipantChange> putParticipant(long sessionPk, Wanted wanted, String actorId) {
        VideoSession session = locked(sessionPk).orElseThrow();
        if (!session.isActive()) {
            return Optional.empty();
        }
        Optional<Participant> existing = participant(sessionPk, wanted.userId());
        if (existing.isPresent()) {
            Participant participant = existing.get();
            participant.role = wanted.role();
            if (wanted.displayName() != null) {
                participant.displayName = wanted.displayName();
            }
            db.sql("update session_participant set role = :role, display_name = :name where id = :id")
                    .bind("role", participant.role.value()).bind("name", participant.displayName)
                    .bind("id", participant.id).update();
            events.entry(session.id, EventType.PARTICIPANT_ADDED, actorId)
                    .detail("userId", participant.userId).detail("role", participant.role.value())
                    .detail("updated", true).record();
            return Optional.of(new ParticipantChange(participant, false));
        }
        Participant participant = insertParticipant(sessionPk, wanted.userId(), wanted.role(), wanted.displayName());
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
        VideoSession session = locked(sessionPk).orElseThrow();
        if (!session.isActive() || participant(sessionPk, userId).isPresent()) {
            return Optional.empty();
        }
        Participant participant = insertParticipant(sessionPk, userId, ParticipantRole.GUEST, displayName);
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
        VideoSession session = locked(sessionPk).orElseThrow();
        Optional<Participant> found = participant(sessionPk, userId);
        if (found.isEmpty()) {
            return false;
        }
        Participant participant = found.get();
        db.sql("delete from session_participant where id = :id").bind("id", participant.id).update();
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
        Optional<Participant> found = db.sql("select * from session_participant where session_pk = :session"
                + " and user_id = :user for no key update").bind("session", sessionPk).bind("user", userId)
                .first(SessionStore::participant);
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
        db.sql("update session_participant set recording_consent = :recording, broadcast_consent = :broadcast,"
                + " consent_updated_at = :at where id = :id").bind("recording", participant.recordingConsent)
                .bind("broadcast", participant.broadcastConsent).bind("at", now).bind("id", participant.id).update();
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
        db.sql("select id from video_session where id = :pk for share").bind("pk", sessionPk).exists();
        String reason = db.sql("select connection_refusal(:pk, cast(:user as varchar))")
                .bind("pk", sessionPk).bind("user", userId).one(Jdbc.Row::firstString);
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
        db.sql("update video_session set status = 'ended', ended_at = :at, end_reason = :reason,"
                + " version = version + 1 where id = :id").bind("at", session.endedAt).bind("reason", reason)
                .bind("id", session.id).update();
        events.entry(session.id, EventType.SESSION_ENDED, actorId).detail("reason", reason).record();
        cleanup.scheduleSessionEnd(session.id, actorId, SESSION_ENDED, session.endedAt);
        LOG.infof("Session %s ended by %s (%s)", session.sessionId, Logs.safe(actorId), reason);
        return Optional.of(new SessionEnded(session.id, session.sessionId, actorId, reason));
    }

    /** The active session whose {@code column} (consultation or appointment id) is {@code value}. */
    private Optional<VideoSession> activeBy(String column, String value) {
        return withParticipants(db.sql("select * from video_session where " + column + " = :value"
                + " and status = 'active'")
                .bind("value", value).first(SessionStore::session));
    }

    /**
     * The session's row, locked for this transaction against other changes of it. {@code FOR NO KEY UPDATE}: rows
     * that reference the session (its events, a waiting-room decision's) may still be written meanwhile. A plain
     * {@code FOR UPDATE} blocks them, and an admit holding its participant's row while it writes its event then
     * deadlocks with a removal of that participant (WaitingRoomApiTest).
     */
    private Optional<VideoSession> locked(long sessionPk) {
        return db.sql("select * from video_session where id = :pk for no key update").bind("pk", sessionPk)
                .first(SessionStore::session);
    }

    private Optional<Participant> participant(long sessionPk, String userId) {
        return db.sql("select * from session_participant where session_pk = :session and user_id = :user")
                .bind("session", sessionPk).bind("user", userId).first(SessionStore::participant);
    }

    private Participant insertParticipant(long sessionPk, String userId, ParticipantRole role, String displayName) {
        return db.sql("insert into session_participant (session_pk, user_id, role, display_name, added_at)"
                + " values (:session, :user, :role, :name, :at) returning *").bind("session", sessionPk)
                .bind("user", userId).bind("role", role.value()).bind("name", displayName).bind("at", clock.instant())
                .one(SessionStore::participant);
    }

    /**
     * Adds the wanted participants the session lacks, each with its event, in a transaction of their own. A
     * participant that a concurrent request adds first is left to it (the insert yields on the unique key), so
     * each is added and logged once. The session's participants are read again after.
     */
    private void addMissing(VideoSession session, List<Wanted> wanted, String actorId) {
        List<Wanted> missing = wanted.stream()
                .filter(participant -> session.participant(participant.userId()).isEmpty()).toList();
        if (missing.isEmpty()) {
            return;
        }
        boolean added = QuarkusTransaction.requiringNew().call(() -> {
            List<EventStore.Entry> logged = new ArrayList<>();
            insertParticipants(session.id, missing, actorId, logged);
            events.recordTogether(logged);
            return !logged.isEmpty();
        });
        if (added) {
            session.participants = participants(session.id);
        }
    }

    private List<Participant> participants(long sessionPk) {
        return db.sql(PARTICIPANTS).bind("session", sessionPk).list(SessionStore::participant);
    }

    /** Reads the session's participants, so that the session can be read after the transaction. */
    private Optional<VideoSession> withParticipants(Optional<VideoSession> session) {
        session.ifPresent(s -> s.participants = participants(s.id));
        return session;
    }

    private static VideoSession session(Jdbc.Row row) throws SQLException {
        VideoSession session = new VideoSession();
        session.id = row.longValue("id");
        session.sessionId = row.string("session_id");
        session.name = row.string("name");
        session.type = SessionType.of(row.string("type"));
        session.status = SessionStatus.of(row.string("status"));
        session.consultationId = row.string("consultation_id");
        session.appointmentId = row.string("appointment_id");
        session.chatRoomId = row.string("chat_room_id");
        session.mediaMode = MediaMode.of(row.string("media_mode"));
        session.archiveMode = ArchiveMode.of(row.string("archive_mode"));
        session.e2ee = row.bool("e2ee");
        session.waitingRoom = row.bool("waiting_room");
        session.windowStartsAt = row.instant("window_starts_at");
        session.windowEndsAt = row.instant("window_ends_at");
        session.createdBy = row.string("created_by");
        session.createdAt = row.instant("created_at");
        session.endedAt = row.instant("ended_at");
        session.endReason = row.string("end_reason");
        session.version = row.longValue("version");
        return session;
    }

    /** A participant's row; {@link #PREFIXED_PARTICIPANT} names the same columns. */
    private static Participant participant(Jdbc.Row row) throws SQLException {
        Participant participant = new Participant();
        participant.id = row.longValue("id");
        participant.userId = row.string("user_id");
        participant.role = ParticipantRole.of(row.string("role"));
        participant.displayName = row.string("display_name");
        participant.addedAt = row.instant("added_at");
        participant.recordingConsent = row.bool("recording_consent");
        participant.broadcastConsent = row.bool("broadcast_consent");
        participant.consentUpdatedAt = row.instant("consent_updated_at");
        return participant;
    }
}
