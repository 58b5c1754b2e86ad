package com.smarttelehealth.video.phone;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.smarttelehealth.video.cleanup.CleanupStore;
import com.smarttelehealth.video.common.persistence.Database;
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

    private final EntityManager em;
    private final EventStore events;
    private final CleanupStore cleanup;
    private final Clock clock;

    PhoneCallStore(EntityManager em, EventStore events, CleanupStore cleanup, Clock clock) {
        this.em = em;
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
        boolean active = em.createNativeQuery("select 1 from video_session where id = :session and status = 'active'"
                + " for share").setParameter("session", sessionPk).getResultList().stream().findFirst().isPresent();
        em.createNativeQuery("""
                insert into phone_call (call_id, session_pk, provider_call_id, connection_id, stream_id, user_id,
                                        to_masked, status, started_by, created_at)
                values (:call, :session, :provider, :connection, :stream, :user, :to, 'dialing', :by, :now)""")
                .setParameter("call", callId).setParameter("session", sessionPk).setParameter("provider", leg.id())
                .setParameter("connection", leg.connectionId()).setParameter("stream", leg.streamId())
                .setParameter("user", userId).setParameter("to", toMasked).setParameter("by", startedBy)
                .setParameter("now", now).executeUpdate();
        events.entry(sessionPk, EventType.PHONE_CALL_STARTED, startedBy).connection(leg.connectionId())
                .detail("callId", callId.toString()).detail("userId", userId).detail("to", toMasked).record();
        if (!active && leg.connectionId() != null) {
            cleanup.scheduleDisconnect(sessionPk, leg.connectionId(), startedBy, "session_ended", now);
        }
        return find(callId).orElseThrow().view();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Found> find(UUID callId) {
        return em.createNativeQuery(VIEW + " where c.call_id = :call").setParameter("call", callId)
                .getResultList().stream()
                .findFirst().map(row -> found((Object[]) row));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PhoneCallView> page(long sessionPk, int offset, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(VIEW + " where c.session_pk = :session order by c.created_at, c.id"
                + " offset :offset limit :limit").setParameter("session", sessionPk).setParameter("offset", offset)
                .setParameter("limit", limit).getResultList();
        return rows.stream().map(row -> found(row).view()).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(long sessionPk) {
        return ((Number) em.createNativeQuery("select count(*) from phone_call where session_pk = :session")
                .setParameter("session", sessionPk).getSingleResult()).longValue();
    }

    /**
     * Hangs up: the call ends now, with {@code phone_call_ended}, and its connection is cut through the durable
     * clean-up in the same transaction. A call that has ended already changes nothing (false).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean hangUp(UUID callId, String actorId) {
        Object[] row = (Object[]) em.createNativeQuery("select id, session_pk, status, connection_id, to_masked, user_id"
                + " from phone_call where call_id = :call for update").setParameter("call", callId)
                .getResultList().stream()
                .findFirst().orElse(null);
        if (row == null || PhoneCallStatus.of((String) row[2]).isFinal()) {
            return false;
        }
        long sessionPk = ((Number) row[1]).longValue();
        Instant now = clock.instant();
        end(((Number) row[0]).longValue(), PhoneCallStatus.ENDED, now, HUNG_UP);
        events.entry(sessionPk, EventType.PHONE_CALL_ENDED, actorId).connection((String) row[3])
                .detail("callId", callId.toString()).detail("userId", row[5]).detail("to", row[4])
                .detail("status", PhoneCallStatus.ENDED.value()).detail("reason", HUNG_UP).record();
        if (row[3] != null) {
            cleanup.scheduleDisconnect(sessionPk, (String) row[3], actorId, HUNG_UP, now);
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
        Object[] row = (Object[]) em.createNativeQuery("""
                select c.id, c.session_pk, c.status, c.call_id, c.connection_id, c.to_masked, c.user_id
                from phone_call c join video_session s on s.id = c.session_pk
                where s.session_id = :session and (c.provider_call_id = :call or c.connection_id = :connection)
                for update of c""").setParameter("session", sessionId).setParameter("call", providerCallId)
                .setParameter("connection", connectionId).getResultList().stream().findFirst().orElse(null);
        if (row == null) {
            return false;
        }
        PhoneCallStatus was = PhoneCallStatus.of((String) row[2]);
        if (was.isFinal() || status.ordinal() <= was.ordinal()) {
            return false;
        }
        if (status == PhoneCallStatus.ENDED && was == PhoneCallStatus.DIALING) {
            status = PhoneCallStatus.FAILED; // it ended before anyone answered
        }
        long id = ((Number) row[0]).longValue();
        if (!status.isFinal()) {
            em.createNativeQuery("update phone_call set status = :status where id = :id")
                    .setParameter("status", status.value()).setParameter("id", id).executeUpdate();
            return true;
        }
        end(id, status, at, reason);
        events.entry(((Number) row[1]).longValue(), EventType.PHONE_CALL_ENDED, null).at(at).connection((String) row[4])
                .detail("callId", row[3].toString()).detail("userId", row[6]).detail("to", row[5])
                .detail("status", status.value()).detail("reason", reason).record();
        return true;
    }

    private void end(long id, PhoneCallStatus status, Instant at, String reason) {
        em.createNativeQuery("update phone_call set status = :status, ended_at = :at, end_reason = :reason where id = :id")
                .setParameter("status", status.value()).setParameter("at", at).setParameter("reason", reason)
                .setParameter("id", id).executeUpdate();
    }

    private static Found found(Object[] row) {
        return new Found(new PhoneCallView(row[0].toString(), (String) row[1], (String) row[2], (String) row[3],
                (String) row[4], PhoneCallStatus.of((String) row[5]), (String) row[6], Database.instantOf(row[7]),
                Database.instantOf(row[8])), ((Number) row[9]).longValue());
    }
}
