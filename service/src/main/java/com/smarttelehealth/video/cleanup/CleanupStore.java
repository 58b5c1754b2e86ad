package com.smarttelehealth.video.cleanup;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.smarttelehealth.video.common.persistence.Jdbc;

/**
 * The provider clean-up's store: the only class that writes {@code provider_cleanup}. The {@code schedule...}
 * methods run in the caller's transaction, so that a step is recorded with the change that calls for it or not
 * at all; {@link #claim} leases due steps with {@code FOR UPDATE SKIP LOCKED}, so that replicas share them and
 * each is carried out by one replica at a time.
 */
@ApplicationScoped
public class CleanupStore {

    // parameters in a select list are cast: PostgreSQL would otherwise take them as text
    private static final String INSERT = "insert into provider_cleanup (session_pk, kind, target_id, reason, actor_id,"
            + " created_at, next_attempt_at) ";
    private static final String ONCE = " on conflict (kind, target_id) do nothing";

    private final Jdbc db;

    CleanupStore(Jdbc db) {
        this.db = db;
    }

    /** What is pending, for the gauges: sessions with a step not done, and the oldest such step's age. */
    public record Pending(long sessions, long oldestSeconds, long parked) {
    }

    /**
     * Everything left at the provider of a session that has just ended: its recordings, broadcasts, connections,
     * phone legs and captions.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int scheduleSessionEnd(long sessionPk, String actorId, String reason, Instant now) {
        return db.sql(INSERT
                + "select session_pk, 'stop_recording', recording_id, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz) from recording"
                + " where session_pk = :pk and status in ('started', 'paused')"
                + " union all select session_pk, 'stop_broadcast', broadcast_id, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz)"
                + " from broadcast where session_pk = :pk and status = 'started'"
                + " union all select session_pk, 'disconnect', connection_id, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz)"
                + " from session_connection where session_pk = :pk and disconnected_at is null"
                // a phone leg the provider has not reported yet is cut as well
                + " union all select session_pk, 'disconnect', connection_id, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz)"
                + " from phone_call where session_pk = :pk and status in ('dialing', 'connected') and connection_id is not null"
                + " union all select session_pk, 'stop_captions', captions_id, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz)"
                + " from captions where session_pk = :pk and status in ('started', 'paused')" + ONCE)
                .bind("pk", sessionPk).bind("reason", reason).bind("actor", actorId)
                .bind("now", now).update();
    }

    /** The live connections of one user in the session. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int scheduleDisconnects(long sessionPk, String userId, String actorId, String reason, Instant now) {
        return db.sql(INSERT
                + "select session_pk, 'disconnect', connection_id, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz) from session_connection"
                + " where session_pk = :pk and user_id = :user and disconnected_at is null" + ONCE)
                .bind("pk", sessionPk).bind("user", userId).bind("reason", reason)
                .bind("actor", actorId).bind("now", now).update();
    }

    /** One connection. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int scheduleDisconnect(long sessionPk, String connectionId, String actorId, String reason, Instant now) {
        return db.sql(INSERT + "values (:pk, 'disconnect', :connection, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz))" + ONCE)
                .bind("pk", sessionPk).bind("connection", connectionId).bind("reason", reason)
                .bind("actor", actorId).bind("now", now).update();
    }

    /** One session's captions, started as it ended. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int scheduleCaptionsStop(long sessionPk, String captionsId, String actorId, String reason, Instant now) {
        return db.sql(INSERT + "values (:pk, 'stop_captions', :captions, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz))" + ONCE)
                .bind("pk", sessionPk).bind("captions", captionsId).bind("reason", reason)
                .bind("actor", actorId).bind("now", now).update();
    }

    /** The session's recordings that are recording now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int scheduleRecordingStops(long sessionPk, String actorId, String reason, Instant now) {
        return db.sql(INSERT
                + "select session_pk, 'stop_recording', recording_id, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz) from recording"
                + " where session_pk = :pk and status in ('started', 'paused')" + ONCE)
                .bind("pk", sessionPk).bind("reason", reason).bind("actor", actorId)
                .bind("now", now).update();
    }

    /** The session's broadcasts that are live now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int scheduleBroadcastStops(long sessionPk, String actorId, String reason, Instant now) {
        return db.sql(INSERT
                + "select session_pk, 'stop_broadcast', broadcast_id, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz) from broadcast"
                + " where session_pk = :pk and status = 'started'" + ONCE)
                .bind("pk", sessionPk).bind("reason", reason).bind("actor", actorId)
                .bind("now", now).update();
    }

    /**
     * Leases up to {@code limit} due steps (of one session, or of any when {@code sessionPk} is null) until
     * {@code now + lease}, counting the attempt.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<CleanupTask> claim(Long sessionPk, int limit, Instant now, Duration lease) {
        Jdbc.Statement claim = db.sql("update provider_cleanup t set leased_until = :until,"
                + " attempts = t.attempts + 1 from video_session s"
                + " where s.id = t.session_pk and t.id in (select id from provider_cleanup"
                + " where done_at is null and parked_at is null and next_attempt_at <= :now"
                + " and (leased_until is null or leased_until < :now)"
                + (sessionPk == null ? "" : " and session_pk = :pk")
                + " order by next_attempt_at, id limit :limit for update skip locked)"
                + " returning t.id, t.session_pk, s.session_id, t.kind, t.target_id, t.reason, t.actor_id, t.attempts")
                .bind("until", now.plus(lease)).bind("now", now).bind("limit", limit);
        if (sessionPk != null) {
            claim.bind("pk", sessionPk);
        }
        return claim.list(r -> new CleanupTask(r.longValue(1), r.longValue(2), r.string(3),
                CleanupTask.Kind.of(r.string(4)), r.string(5), r.string(6), r.string(7), r.intValue(8)));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void done(long taskId, Instant now) {
        db.sql("update provider_cleanup set done_at = :now, leased_until = null, last_error = null"
                + " where id = :id").bind("now", now).bind("id", taskId).update();
    }

    /** Gives the step back, to be tried again from {@code next}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void retryLater(long taskId, String error, Instant next) {
        db.sql("update provider_cleanup set leased_until = null, next_attempt_at = :next,"
                + " last_error = left(:error, 200) where id = :id")
                .bind("next", next).bind("error", error).bind("id", taskId).update();
    }

    /** Its last attempt failed: the step is kept with its error, and no longer tried. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void park(long taskId, String error, Instant now) {
        db.sql("update provider_cleanup set leased_until = null, parked_at = :now,"
                + " last_error = left(:error, 200) where id = :id")
                .bind("now", now).bind("error", error).bind("id", taskId).update();
    }

    /** Deletes up to {@code limit} steps finished before {@code before}; answers how many. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeFinished(Instant before, int limit) {
        return db.sql("delete from provider_cleanup where id in (select id from provider_cleanup"
                + " where done_at < :before order by done_at limit :limit)")
                .bind("before", before).bind("limit", limit).update();
    }

    /** Which of these sessions have a step not done. */
    @Transactional
    public Set<Long> pendingAmong(Collection<Long> sessionPks) {
        if (sessionPks.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(db.sql("select distinct session_pk from provider_cleanup where done_at is null"
                + " and session_pk = any(:pks)").bind("pks", sessionPks.toArray(Long[]::new))
                .list(Jdbc.Row::firstLong));
    }

    @Transactional
    public Pending pending(Instant now) {
        // a parked step is counted apart: it is no longer tried, and its age would keep the "stuck" alert up for ever
        return db.sql("select count(distinct session_pk) filter (where parked_at is null),"
                + " coalesce(extract(epoch from (cast(:now as timestamptz) - min(created_at) filter (where parked_at is null))), 0),"
                + " count(*) filter (where parked_at is not null)"
                + " from provider_cleanup where done_at is null").bind("now", now)
                .one(row -> new Pending(row.longValue(1), Math.max(0, row.longValue(2)), row.longValue(3)));
    }
}
