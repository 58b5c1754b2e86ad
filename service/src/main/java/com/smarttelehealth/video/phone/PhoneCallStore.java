package com.smarttelehealth.video.phone;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.smarttelehealth.video.cleanup.CleanupStore;
import com.smarttelehealth.video.common.persistence.Jdbc;
import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.provider.PhoneLeg;

/**
 * The phone calls' store: the only class that writes {@code phone_call} (V1.12.0), each change with its event in
 * one transaction, and a hang-up with the cut of the call's connection (the durable clean-up's disconnect). A
 * call's status only moves forward. A call of an ended session reads as ended: the session's end cut its
 * connection.
 */
@ApplicationScoped
class PhoneCallStore {

    static final String HUNG_UP = "hung_up";

    private static final String VIEW = """
            select c.call_id, s.session_id, c.connection_id, c.to_masked, c.user_id,
                   case when s.status = 'ended' and c.status in ('dialing', 'connected') then 'ended' else c.status end,
                   c.started_by, c.created_at,
                   case when c.status in ('dialing', 'connected') then s.ended_at else c.ended_at end,
                   c.session_pk
            from phone_call c join video_session s on s.id = c.session_pk
            """;

    private final Jdbc db;
    private final EventStore events;
    private final CleanupStore cleanup;
    private final Clock clock;

    PhoneCallStore(Jdbc db, EventStore events, CleanupStore cleanup, Clock clock) {
        this.db = db;
        this.events = events;
        this.cleanup = cleanup;
        this.clock = clock;
    }

    /** A call and the key of its session. */
    record Found(PhoneCallView view, long sessionPk) {
    }

    /**
     * The call the provider placed, dialling, with {@code phone_call_started}. Should the session have ended while
     * it was dialled, its leg is cut at once (the door would cut it too, when the provider reports it).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public PhoneCallView started(long sessionPk, UUID callId, String userId, String toMasked, PhoneLeg leg,
            String startedBy) {
        Instant now = clock.instant();
        boolean active = db.sql("select 1 from video_session where id = :session and status = 'active'"
                + " for share").bind("session", sessionPk).exists();
        db.sql("""
                insert into phone_call (call_id, session_pk, provider_call_id, connection_id, stream_id, user_id,
                                        to_masked, status, started_by, created_at)
                values (:call, :session, :provider, :connection, :stream, :user, :to, 'dialing', :by, :now)""")
                .bind("call", callId).bind("session", sessionPk).bind("provider", leg.id())
                .bind("connection", leg.connectionId()).bind("stream", leg.streamId())
                .bind("user", userId).bind("to", toMasked).bind("by", startedBy)
                .bind("now", now).update();
        events.entry(sessionPk, EventType.PHONE_CALL_STARTED, startedBy).connection(leg.connectionId())
                .detail("callId", callId.toString()).detail("userId", userId).detail("to", toMasked).record();
        if (!active && leg.connectionId() != null) {
            cleanup.scheduleDisconnect(sessionPk, leg.connectionId(), startedBy, "session_ended", now);
        }
        return find(callId).orElseThrow().view();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Found> find(UUID callId) {
        return db.sql(VIEW + " where c.call_id = :call").bind("call", callId)
                .first(PhoneCallStore::found);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PhoneCallView> page(long sessionPk, int offset, int limit) {
        return db.sql(VIEW + " where c.session_pk = :session order by c.created_at, c.id"
                + " offset :offset limit :limit").bind("session", sessionPk).bind("offset", offset)
                .bind("limit", limit).list(row -> found(row).view());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(long sessionPk) {
        return db.sql("select count(*) from phone_call where session_pk = :session")
                .bind("session", sessionPk).one(Jdbc.Row::firstLong);
    }

    /**
     * Hangs up: the call ends now, with {@code phone_call_ended}, and its connection is cut through the durable
     * clean-up in the same transaction. A call that has ended already changes nothing (false).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean hangUp(UUID callId, String actorId) {
        Held row = db.sql("select id, session_pk, status, call_id, connection_id, to_masked, user_id"
                + " from phone_call where call_id = :call for update").bind("call", callId)
                .first(PhoneCallStore::held).orElse(null);
        if (row == null || row.status().isFinal()) {
            return false;
        }
        long sessionPk = row.sessionPk();
        Instant now = clock.instant();
        end(row.id(), PhoneCallStatus.ENDED, now, HUNG_UP);
        events.entry(sessionPk, EventType.PHONE_CALL_ENDED, actorId).connection(row.connectionId())
                .detail("callId", callId.toString()).detail("userId", row.userId()).detail("to", row.toMasked())
                .detail("status", PhoneCallStatus.ENDED.value()).detail("reason", HUNG_UP).record();
        if (row.connectionId() != null) {
            cleanup.scheduleDisconnect(sessionPk, row.connectionId(), actorId, HUNG_UP, now);
        }
        return true;
    }

    /**
     * What the provider reported of a SIP call ({@code callCreated}, {@code callUpdated}, {@code callDestroyed}),
     * found by its id or its connection in that session: the status moves forward only, and a final one writes
     * {@code phone_call_ended}. False when it changed nothing (a repeat, a late report, or not our call).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean reported(String sessionId, String providerCallId, String connectionId, PhoneCallStatus status,
            Instant at, String reason) {
        Held row = db.sql("""
                select c.id, c.session_pk, c.status, c.call_id, c.connection_id, c.to_masked, c.user_id
                from phone_call c join video_session s on s.id = c.session_pk
                where s.session_id = :session and (c.provider_call_id = :call or c.connection_id = :connection)
                for update of c""").bind("session", sessionId).bind("call", providerCallId)
                .bind("connection", connectionId).first(PhoneCallStore::held).orElse(null);
        if (row == null) {
            return false;
        }
        PhoneCallStatus was = row.status();
        if (was.isFinal() || status.ordinal() <= was.ordinal()) {
            return false;
        }
        if (status == PhoneCallStatus.ENDED && was == PhoneCallStatus.DIALING) {
            status = PhoneCallStatus.FAILED; // it ended before anyone answered
        }
        long id = row.id();
        if (!status.isFinal()) {
            db.sql("update phone_call set status = :status where id = :id")
                    .bind("status", status.value()).bind("id", id).update();
            return true;
        }
        end(id, status, at, reason);
        events.entry(row.sessionPk(), EventType.PHONE_CALL_ENDED, null).at(at).connection(row.connectionId())
                .detail("callId", row.callId().toString()).detail("userId", row.userId()).detail("to", row.toMasked())
                .detail("status", status.value()).detail("reason", reason).record();
        return true;
    }

    private void end(long id, PhoneCallStatus status, Instant at, String reason) {
        db.sql("update phone_call set status = :status, ended_at = :at, end_reason = :reason where id = :id")
                .bind("status", status.value()).bind("at", at).bind("reason", reason)
                .bind("id", id).update();
    }

    /** A call's row, held for a change. */
    private record Held(long id, long sessionPk, PhoneCallStatus status, UUID callId, String connectionId,
            String toMasked, String userId) {
    }

    private static Held held(Jdbc.Row row) throws SQLException {
        return new Held(row.longValue(1), row.longValue(2), PhoneCallStatus.of(row.string(3)), row.uuid(4),
                row.string(5), row.string(6), row.string(7));
    }

    private static Found found(Jdbc.Row row) throws SQLException {
        return new Found(new PhoneCallView(row.string(1), row.string(2), row.string(3), row.string(4), row.string(5),
                PhoneCallStatus.of(row.string(6)), row.string(7), row.instant(8), row.instant(9)), row.longValue(10));
    }
}
