package com.smarttelehealth.video.plan;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.smarttelehealth.video.cleanup.CleanupStore;
import com.smarttelehealth.video.common.persistence.Jdbc;
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

    private final Jdbc db;
    private final EventStore events;
    private final CleanupStore cleanup;
    private final Clock clock;

    EntitlementStore(Jdbc db, EventStore events, CleanupStore cleanup, Clock clock) {
        this.db = db;
        this.events = events;
        this.cleanup = cleanup;
        this.clock = clock;
    }

    /** An open connection of a basic-plan patient in a consultation session, not yet claimed for a disconnect. */
    public record OpenConnection(String connectionId, String userId, long sessionPk, String sessionId) {
    }

    @Transactional
    public Optional<Entitlement> find(String userId) {
        return db.sql("select * from entitlement where user_id = :user").bind("user", userId)
                .first(EntitlementStore::entitlement);
    }

    /**
     * Seconds of video a patient used in a period: the part of each of their connections (as patient) in
     * consultation sessions that falls in the period; an open connection counts up to {@code now}.
     */
    @Transactional
    public long secondsUsed(String userId, UsagePeriod period, Instant now) {
        long seconds = db.sql("select video_seconds_used(cast(:user as varchar),"
                + " cast(:start as timestamptz), cast(:end as timestamptz), cast(:now as timestamptz))")
                .bind("user", userId).bind("start", period.start()).bind("end", period.end())
                .bind("now", now)
                .one(Jdbc.Row::firstLong);
        return seconds;
    }

    /** Sets the user's plan and keeps the change. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void set(String userId, Plan plan, Integer monthlyMinutes, String actorId) {
        Instant now = clock.instant();
        String previous = db.sql("select plan from entitlement where user_id = :user for no key update")
                .bind("user", userId).first(Jdbc.Row::firstString).orElse(null);
        db.sql("insert into entitlement (user_id, plan, monthly_minutes, updated_by, updated_at)"
                + " values (:user, :plan, :minutes, :actor, :at)"
                + " on conflict (user_id) do update set plan = excluded.plan,"
                + " monthly_minutes = excluded.monthly_minutes, updated_by = excluded.updated_by,"
                + " updated_at = excluded.updated_at")
                .bind("user", userId).bind("plan", plan.value()).bind("minutes", monthlyMinutes).bind("actor", actorId)
                .bind("at", now).update();
        db.sql("insert into entitlement_change (user_id, plan, monthly_minutes, previous_plan, actor_id,"
                + " changed_at) values (:user, :plan, :minutes, :previous, :actor, :at)")
                .bind("user", userId).bind("plan", plan.value())
                .bind("minutes", monthlyMinutes)
                .bind("previous", previous)
                .bind("actor", actorId).bind("at", now)
                .update();
    }

    /**
     * The open connections of basic-plan patients in consultation sessions whose minutes of {@code period} are
     * used up as of {@code now}, and that no run has claimed yet: one statement, whatever their number. It reads
     * the open connections through their partial index, so old, ended sessions cost it nothing.
     */
    @Transactional
    public List<OpenConnection> exhaustedBasicConnections(UsagePeriod period, Instant now) {
        return db.sql("select c.connection_id, c.user_id, c.session_pk, s.session_id"
                + " from session_connection c join video_session s on s.id = c.session_pk"
                + " join entitlement e on e.user_id = c.user_id"
                + " where c.disconnected_at is null and c.role = 'patient' and s.type = 'consultation'"
                + " and e.plan = 'basic'"
                + " and not exists (select 1 from quota_disconnect q where q.connection_id = c.connection_id)"
                + " and video_seconds_used(c.user_id, cast(:start as timestamptz), cast(:end as timestamptz),"
                + " cast(:now as timestamptz)) >= e.monthly_minutes * 60")
                .bind("start", period.start()).bind("end", period.end()).bind("now", now)
                .list(r -> new OpenConnection(r.string(1), r.string(2), r.longValue(3), r.string(4)));
    }

    private static Entitlement entitlement(Jdbc.Row row) throws SQLException {
        Entitlement entitlement = new Entitlement();
        entitlement.userId = row.string("user_id");
        entitlement.plan = Plan.of(row.string("plan"));
        entitlement.monthlyMinutes = row.nullableInt("monthly_minutes");
        entitlement.updatedBy = row.string("updated_by");
        entitlement.updatedAt = row.instant("updated_at");
        return entitlement;
    }

    /**
     * Claims the connection of a patient whose minutes ran out, once across replicas and runs: with its
     * {@code quota_exhausted} and the disconnect at the provider ({@link CleanupStore}), in one transaction.
     * False when another run or replica has it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claimForDisconnect(OpenConnection connection, Instant now) {
        boolean claimed = db.sql("insert into quota_disconnect (connection_id, user_id, session_pk,"
                + " claimed_at) values (:id, :user, :session, :at) on conflict (connection_id) do nothing")
                .bind("id", connection.connectionId()).bind("user", connection.userId())
                .bind("session", connection.sessionPk()).bind("at", now)
                .update() == 1;
        if (claimed) {
            events.entry(connection.sessionPk(), EventType.QUOTA_EXHAUSTED, null).at(now)
                    .connection(connection.connectionId()).detail("userId", connection.userId())
                    .once(EventStore.onceKey(EventType.QUOTA_EXHAUSTED, connection.connectionId())).record();
            cleanup.scheduleDisconnect(connection.sessionPk(), connection.connectionId(), null, QUOTA_EXHAUSTED, now);
        }
        return claimed;
    }
}
