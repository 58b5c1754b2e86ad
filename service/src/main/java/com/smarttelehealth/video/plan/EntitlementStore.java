package com.smarttelehealth.video.plan;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.smarttelehealth.video.cleanup.CleanupStore;
import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventType;

/**
 * The plans' store: the only class that writes {@code entitlement}, {@code entitlement_change} and
 * {@code quota_disconnect}. The minute meter's rule is the database function {@code video_seconds_used}
 * (V1.4.0), which the token check reads in its own statement too.
 */
@ApplicationScoped
public class EntitlementStore {

    /** Why the connection is cut at the provider. */
    static final String QUOTA_EXHAUSTED = "quota_exhausted";

    private final EntityManager em;
    private final EventStore events;
    private final CleanupStore cleanup;
    private final Clock clock;

    EntitlementStore(EntityManager em, EventStore events, CleanupStore cleanup, Clock clock) {
        this.em = em;
        this.events = events;
        this.cleanup = cleanup;
        this.clock = clock;
    }

    /** An open connection of a basic-plan patient in a consultation session, not yet claimed for a disconnect. */
    public record OpenConnection(String connectionId, String userId, long sessionPk, String sessionId) {
    }

    @Transactional
    public Optional<Entitlement> find(String userId) {
        return Optional.ofNullable(em.find(Entitlement.class, userId));
    }

    /**
     * Seconds of video a patient used in a period: the part of each of their connections (as patient) in
     * consultation sessions that falls in the period; an open connection counts up to {@code now}.
     */
    @Transactional
    public long secondsUsed(String userId, UsagePeriod period, Instant now) {
        Object seconds = em.createNativeQuery("select video_seconds_used(cast(:user as varchar),"
                + " cast(:start as timestamptz), cast(:end as timestamptz), cast(:now as timestamptz))")
                .setParameter("user", userId).setParameter("start", period.start()).setParameter("end", period.end())
                .setParameter("now", now)
                .getSingleResult();
        return ((Number) seconds).longValue();
    }

    /** Sets the user's plan and keeps the change. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void set(String userId, Plan plan, Integer monthlyMinutes, String actorId) {
        Instant now = clock.instant();
        Entitlement entitlement = em.find(Entitlement.class, userId, LockModeType.PESSIMISTIC_WRITE);
        Plan previous = entitlement == null ? null : entitlement.plan;
        if (entitlement == null) {
            entitlement = new Entitlement();
            entitlement.userId = userId;
        }
        entitlement.plan = plan;
        entitlement.monthlyMinutes = monthlyMinutes;
        entitlement.updatedBy = actorId;
        entitlement.updatedAt = now;
        em.merge(entitlement);
        em.createNativeQuery("insert into entitlement_change (user_id, plan, monthly_minutes, previous_plan, actor_id,"
                + " changed_at) values (:user, :plan, :minutes, :previous, :actor, :at)")
                .setParameter("user", userId).setParameter("plan", plan.value())
                .setParameter("minutes", monthlyMinutes)
                .setParameter("previous", previous == null ? null : previous.value())
                .setParameter("actor", actorId).setParameter("at", now)
                .executeUpdate();
    }

    /**
     * The open connections of basic-plan patients in consultation sessions whose minutes of {@code period} are
     * used up as of {@code now}, and that no run has claimed yet: one statement, whatever their number. It reads
     * the open connections through their partial index, so old, ended sessions cost it nothing.
     */
    @Transactional
    public List<OpenConnection> exhaustedBasicConnections(UsagePeriod period, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select c.connection_id, c.user_id, c.session_pk, s.session_id"
                + " from session_connection c join video_session s on s.id = c.session_pk"
                + " join entitlement e on e.user_id = c.user_id"
                + " where c.disconnected_at is null and c.role = 'patient' and s.type = 'consultation'"
                + " and e.plan = 'basic'"
                + " and not exists (select 1 from quota_disconnect q where q.connection_id = c.connection_id)"
                + " and video_seconds_used(c.user_id, cast(:start as timestamptz), cast(:end as timestamptz),"
                + " cast(:now as timestamptz)) >= e.monthly_minutes * 60")
                .setParameter("start", period.start()).setParameter("end", period.end()).setParameter("now", now)
                .getResultList();
        return rows.stream()
                .map(r -> new OpenConnection((String) r[0], (String) r[1], ((Number) r[2]).longValue(), (String) r[3]))
                .toList();
    }

    /**
     * Claims the connection of a patient whose minutes ran out, once across replicas and runs: with its
     * {@code quota_exhausted} and the disconnect at the provider ({@link CleanupStore}), in one transaction.
     * False when another run or replica has it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claimForDisconnect(OpenConnection connection, Instant now) {
        boolean claimed = em.createNativeQuery("insert into quota_disconnect (connection_id, user_id, session_pk,"
                + " claimed_at) values (:id, :user, :session, :at) on conflict (connection_id) do nothing")
                .setParameter("id", connection.connectionId()).setParameter("user", connection.userId())
                .setParameter("session", connection.sessionPk()).setParameter("at", now)
                .executeUpdate() == 1;
        if (claimed) {
            events.entry(connection.sessionPk(), EventType.QUOTA_EXHAUSTED, null).at(now)
                    .connection(connection.connectionId()).detail("userId", connection.userId())
                    .once(EventStore.onceKey(EventType.QUOTA_EXHAUSTED, connection.connectionId())).record();
            cleanup.scheduleDisconnect(connection.sessionPk(), connection.connectionId(), null, QUOTA_EXHAUSTED, now);
        }
        return claimed;
    }
}
