package com.smarttelehealth.video.cleanup;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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

    private final EntityManager em;

    CleanupStore(EntityManager em) {
        this.em = em;
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
        return em.createNativeQuery(INSERT
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
                .setParameter("pk", sessionPk).setParameter("reason", reason).setParameter("actor", actorId)
                .setParameter("now", now).executeUpdate();
    }

    /** The live connections of one user in the session. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int scheduleDisconnects(long sessionPk, String userId, String actorId, String reason, Instant now) {
        return em.createNativeQuery(INSERT
                + "select session_pk, 'disconnect', connection_id, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz) from session_connection"
                + " where session_pk = :pk and user_id = :user and disconnected_at is null" + ONCE)
                .setParameter("pk", sessionPk).setParameter("user", userId).setParameter("reason", reason)
                .setParameter("actor", actorId).setParameter("now", now).executeUpdate();
    }

    /** One connection. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int scheduleDisconnect(long sessionPk, String connectionId, String actorId, String reason, Instant now) {
        return em.createNativeQuery(INSERT + "values (:pk, 'disconnect', :connection, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz))" + ONCE)
                .setParameter("pk", sessionPk).setParameter("connection", connectionId).setParameter("reason", reason)
                .setParameter("actor", actorId).setParameter("now", now).executeUpdate();
    }

    /** One session's captions, started as it ended. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int scheduleCaptionsStop(long sessionPk, String captionsId, String actorId, String reason, Instant now) {
        return em.createNativeQuery(INSERT + "values (:pk, 'stop_captions', :captions, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz))" + ONCE)
                .setParameter("pk", sessionPk).setParameter("captions", captionsId).setParameter("reason", reason)
                .setParameter("actor", actorId).setParameter("now", now).executeUpdate();
    }

    /** The session's recordings that are recording now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int scheduleRecordingStops(long sessionPk, String actorId, String reason, Instant now) {
        return em.createNativeQuery(INSERT
                + "select session_pk, 'stop_recording', recording_id, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz) from recording"
                + " where session_pk = :pk and status in ('started', 'paused')" + ONCE)
                .setParameter("pk", sessionPk).setParameter("reason", reason).setParameter("actor", actorId)
                .setParameter("now", now).executeUpdate();
    }

    /** The session's broadcasts that are live now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int scheduleBroadcastStops(long sessionPk, String actorId, String reason, Instant now) {
        return em.createNativeQuery(INSERT
                + "select session_pk, 'stop_broadcast', broadcast_id, cast(:reason as varchar), cast(:actor as varchar), cast(:now as timestamptz), cast(:now as timestamptz) from broadcast"
                + " where session_pk = :pk and status = 'started'" + ONCE)
                .setParameter("pk", sessionPk).setParameter("reason", reason).setParameter("actor", actorId)
                .setParameter("now", now).executeUpdate();
    }

    /**
     * Leases up to {@code limit} due steps (of one session, or of any when {@code sessionPk} is null) until
     * {@code now + lease}, counting the attempt.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<CleanupTask> claim(Long sessionPk, int limit, Instant now, Duration lease) {
        @SuppressWarnings("unchecked")
        var claim = em.createNativeQuery("update provider_cleanup t set leased_until = :until,"
                + " attempts = t.attempts + 1 from video_session s"
                + " where s.id = t.session_pk and t.id in (select id from provider_cleanup"
                + " where done_at is null and parked_at is null and next_attempt_at <= :now"
                + " and (leased_until is null or leased_until < :now)"
                + (sessionPk == null ? "" : " and session_pk = :pk")
                + " order by next_attempt_at, id limit :limit for update skip locked)"
                + " returning t.id, t.session_pk, s.session_id, t.kind, t.target_id, t.reason, t.actor_id, t.attempts")
                .setParameter("until", now.plus(lease)).setParameter("now", now).setParameter("limit", limit);
        if (sessionPk != null) {
            claim.setParameter("pk", sessionPk);
        }
        List<Object[]> rows = claim.getResultList();
        return rows.stream().map(r -> new CleanupTask(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                (String) r[2], CleanupTask.Kind.of((String) r[3]), (String) r[4], (String) r[5], (String) r[6],
                ((Number) r[7]).intValue())).toList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void done(long taskId, Instant now) {
        em.createNativeQuery("update provider_cleanup set done_at = :now, leased_until = null, last_error = null"
                + " where id = :id").setParameter("now", now).setParameter("id", taskId).executeUpdate();
    }

    /** Gives the step back, to be tried again from {@code next}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void retryLater(long taskId, String error, Instant next) {
        em.createNativeQuery("update provider_cleanup set leased_until = null, next_attempt_at = :next,"
                + " last_error = left(:error, 200) where id = :id")
                .setParameter("next", next).setParameter("error", error).setParameter("id", taskId).executeUpdate();
    }

    /** Its last attempt failed: the step is kept with its error, and no longer tried. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void park(long taskId, String error, Instant now) {
        em.createNativeQuery("update provider_cleanup set leased_until = null, parked_at = :now,"
                + " last_error = left(:error, 200) where id = :id")
                .setParameter("now", now).setParameter("error", error).setParameter("id", taskId).executeUpdate();
    }

    /** Deletes up to {@code limit} steps finished before {@code before}; answers how many. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeFinished(Instant before, int limit) {
        return em.createNativeQuery("delete from provider_cleanup where id in (select id from provider_cleanup"
                + " where done_at < :before order by done_at limit :limit)")
                .setParameter("before", before).setParameter("limit", limit).executeUpdate();
    }

    /** Which of these sessions have a step not done. */
    @Transactional
    public Set<Long> pendingAmong(Collection<Long> sessionPks) {
        if (sessionPks.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> pending = em.createNativeQuery("select distinct session_pk from provider_cleanup"
                + " where done_at is null and session_pk in (:pks)").setParameter("pks", sessionPks).getResultList();
        return pending.stream().map(Number::longValue).collect(Collectors.toSet());
    }

    @Transactional
    public Pending pending(Instant now) {
        // a parked step is counted apart: it is no longer tried, and its age would keep the "stuck" alert up for ever
        Object[] row = (Object[]) em.createNativeQuery("select count(distinct session_pk) filter (where parked_at is null),"
                + " coalesce(extract(epoch from (cast(:now as timestamptz) - min(created_at) filter (where parked_at is null))), 0),"
                + " count(*) filter (where parked_at is not null)"
                + " from provider_cleanup where done_at is null").setParameter("now", now).getSingleResult();
        return new Pending(((Number) row[0]).longValue(), Math.max(0, ((Number) row[1]).longValue()),
                ((Number) row[2]).longValue());
    }
}
