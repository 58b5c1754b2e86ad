package com.smarttelehealth.video.captions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.smarttelehealth.video.cleanup.CleanupStore;
import com.smarttelehealth.video.common.persistence.Database;
import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventType;

/**
 * The captions' store: the only class that writes {@code captions} (V1.13.0), each change with its event. One
 * at a time per session is the database's: a start first takes the session's one slot ({@code starting}, a
 * partial unique index), so that concurrent starts do not all reach the provider.
 */
@ApplicationScoped
class CaptionsStore {

    /** A slot whose start never finished (the replica died while the provider was asked) is free again after this. */
    static final Duration STALE_START = Duration.ofMinutes(2);

    private static final String VIEW = """
            select c.captions_id, s.session_id, c.language_code, c.max_duration_seconds, c.partial_captions, c.status,
                   c.started_by, c.created_at, c.stopped_at, c.session_pk
            from captions c join video_session s on s.id = c.session_pk
            """;

    private final EntityManager em;
    private final EventStore events;
    private final CleanupStore cleanup;
    private final Clock clock;

    CaptionsStore(EntityManager em, EventStore events, CleanupStore cleanup, Clock clock) {
        this.em = em;
        this.events = events;
        this.cleanup = cleanup;
        this.clock = clock;
    }

    /** Captions, and the key of their session. */
    record Found(CaptionsView view, long sessionPk) {
    }

    /** What taking the session's slot found. */
    enum Slot {
        TAKEN, BUSY, ENDED
    }

    record Reservation(Slot slot, long id) {
    }

    /** Takes the session's one slot for captions, unless they run already or the session has ended. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Reservation reserve(long sessionPk, String languageCode, int maxDurationSeconds, boolean partial,
            String startedBy) {
        Instant now = clock.instant();
        boolean active = em.createNativeQuery("select 1 from video_session where id = :session and status = 'active'"
                + " for share").setParameter("session", sessionPk).getResultList().stream().findFirst().isPresent();
        if (!active) {
            return new Reservation(Slot.ENDED, 0);
        }
        em.createNativeQuery("delete from captions where session_pk = :session and status = 'starting' and created_at < :stale")
                .setParameter("session", sessionPk).setParameter("stale", now.minus(STALE_START)).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Number> taken = em.createNativeQuery("""
                insert into captions (session_pk, language_code, max_duration_seconds, partial_captions, status,
                                      started_by, created_at)
                values (:session, :language, :max, :partial, 'starting', :by, :now)
                on conflict (session_pk) where status in ('starting', 'started', 'paused') do nothing
                returning id""").setParameter("session", sessionPk).setParameter("language", languageCode)
                .setParameter("max", maxDurationSeconds).setParameter("partial", partial).setParameter("by", startedBy)
                .setParameter("now", now).getResultList();
        return taken.isEmpty() ? new Reservation(Slot.BUSY, 0) : new Reservation(Slot.TAKEN, taken.get(0).longValue());
    }

    /** The provider started them: {@code captions_started}. A session that ended meanwhile stops them again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public CaptionsView started(long reservation, String captionsId) {
        Object[] row = (Object[]) em.createNativeQuery("select c.session_pk, c.started_by, c.language_code, s.status"
                + " from captions c join video_session s on s.id = c.session_pk where c.id = :id for share of s")
                .setParameter("id", reservation).getSingleResult();
        long sessionPk = ((Number) row[0]).longValue();
        em.createNativeQuery("update captions set status = 'started', captions_id = :captions where id = :id")
                .setParameter("captions", captionsId).setParameter("id", reservation).executeUpdate();
        events.entry(sessionPk, EventType.CAPTIONS_STARTED, (String) row[1]).detail("captionsId", captionsId)
                .detail("languageCode", row[2]).record();
        if (!"active".equals(row[3])) {
            cleanup.scheduleCaptionsStop(sessionPk, captionsId, (String) row[1], "session_ended", clock.instant());
        }
        return find(captionsId).orElseThrow().view();
    }

    /** The provider did not start them: the slot is free again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(long reservation) {
        em.createNativeQuery("delete from captions where id = :id and status = 'starting'").setParameter("id", reservation)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Found> find(String captionsId) {
        return em.createNativeQuery(VIEW + " where c.captions_id = :captions").setParameter("captions", captionsId)
                .getResultList().stream().findFirst().map(row -> found((Object[]) row));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CaptionsView> page(long sessionPk, int offset, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(VIEW + " where c.session_pk = :session and c.status <> 'starting'"
                + " order by c.created_at, c.id offset :offset limit :limit").setParameter("session", sessionPk)
                .setParameter("offset", offset).setParameter("limit", limit).getResultList();
        return rows.stream().map(row -> found(row).view()).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(long sessionPk) {
        return ((Number) em.createNativeQuery("select count(*) from captions where session_pk = :session"
                + " and status <> 'starting'").setParameter("session", sessionPk).getSingleResult()).longValue();
    }

    /**
     * A move of their status, from a stop (ours: {@code actorId}) or the provider's callback: forward only (started
     * and paused take turns), and a final one writes {@code captions_stopped}. False when it changed nothing.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean moved(String captionsId, CaptionsStatus status, String actorId, String reason) {
        Object[] row = (Object[]) em.createNativeQuery("select id, session_pk, status from captions"
                + " where captions_id = :captions for update").setParameter("captions", captionsId)
                .getResultList().stream()
                .findFirst().orElse(null);
        if (row == null) {
            return false;
        }
        CaptionsStatus was = CaptionsStatus.of((String) row[2]);
        if (was.isFinal() || was == status || status == CaptionsStatus.STARTING) {
            return false;
        }
        Instant now = clock.instant();
        long id = ((Number) row[0]).longValue();
        if (!status.isFinal()) {
            em.createNativeQuery("update captions set status = :status where id = :id")
                    .setParameter("status", status.value()).setParameter("id", id).executeUpdate();
        } else {
            em.createNativeQuery("update captions set status = :status, stopped_at = :at, stopped_by = cast(:by as varchar)"
                    + " where id = :id").setParameter("status", status.value()).setParameter("at", now)
                    .setParameter("by", actorId).setParameter("id", id).executeUpdate();
            events.entry(((Number) row[1]).longValue(), EventType.CAPTIONS_STOPPED, actorId)
                    .detail("captionsId", captionsId).detail("status", status.value()).detail("reason", reason).record();
        }
        return true;
    }

    private static Found found(Object[] row) {
        return new Found(new CaptionsView((String) row[0], (String) row[1], (String) row[2], ((Number) row[3]).intValue(),
                (Boolean) row[4], CaptionsStatus.of((String) row[5]), (String) row[6], Database.instantOf(row[7]),
                Database.instantOf(row[8])), ((Number) row[9]).longValue());
    }
}
