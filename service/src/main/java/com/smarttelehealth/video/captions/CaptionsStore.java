package com.smarttelehealth.video.captions;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
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

    private final Jdbc db;
    private final EventStore events;
    private final CleanupStore cleanup;
    private final Clock clock;

    CaptionsStore(Jdbc db, EventStore events, CleanupStore cleanup, Clock clock) {
        this.db = db;
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
        boolean active = db.sql("select 1 from video_session where id = :session and status = 'active'"
                + " for share").bind("session", sessionPk).exists();
        if (!active) {
            return new Reservation(Slot.ENDED, 0);
        }
        db.sql("delete from captions where session_pk = :session and status = 'starting' and created_at < :stale")
                .bind("session", sessionPk).bind("stale", now.minus(STALE_START)).update();
        Optional<Long> taken = db.sql("""
                insert into captions (session_pk, language_code, max_duration_seconds, partial_captions, status,
                                      started_by, created_at)
                values (:session, :language, :max, :partial, 'starting', :by, :now)
                on conflict (session_pk) where status in ('starting', 'started', 'paused') do nothing
                returning id""").bind("session", sessionPk).bind("language", languageCode)
                .bind("max", maxDurationSeconds).bind("partial", partial).bind("by", startedBy)
                .bind("now", now).first(Jdbc.Row::firstLong);
        return taken.map(id -> new Reservation(Slot.TAKEN, id)).orElseGet(() -> new Reservation(Slot.BUSY, 0));
    }

    /** The provider started them: {@code captions_started}. A session that ended meanwhile stops them again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public CaptionsView started(long reservation, String captionsId) {
        record Reserved(long sessionPk, String startedBy, String languageCode, String sessionStatus) {
        }
        Reserved row = db.sql("select c.session_pk, c.started_by, c.language_code, s.status"
                + " from captions c join video_session s on s.id = c.session_pk where c.id = :id for share of s")
                .bind("id", reservation)
                .one(r -> new Reserved(r.longValue(1), r.string(2), r.string(3), r.string(4)));
        long sessionPk = row.sessionPk();
        db.sql("update captions set status = 'started', captions_id = :captions where id = :id")
                .bind("captions", captionsId).bind("id", reservation).update();
        events.entry(sessionPk, EventType.CAPTIONS_STARTED, row.startedBy()).detail("captionsId", captionsId)
                .detail("languageCode", row.languageCode()).record();
        if (!"active".equals(row.sessionStatus())) {
            cleanup.scheduleCaptionsStop(sessionPk, captionsId, row.startedBy(), "session_ended", clock.instant());
        }
        return find(captionsId).orElseThrow().view();
    }

    /** The provider did not start them: the slot is free again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(long reservation) {
        db.sql("delete from captions where id = :id and status = 'starting'").bind("id", reservation)
                .update();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Found> find(String captionsId) {
        return db.sql(VIEW + " where c.captions_id = :captions").bind("captions", captionsId)
                .first(CaptionsStore::found);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CaptionsView> page(long sessionPk, int offset, int limit) {
        return db.sql(VIEW + " where c.session_pk = :session and c.status <> 'starting'"
                + " order by c.created_at, c.id offset :offset limit :limit").bind("session", sessionPk)
                .bind("offset", offset).bind("limit", limit).list(row -> found(row).view());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(long sessionPk) {
        return db.sql("select count(*) from captions where session_pk = :session"
                + " and status <> 'starting'").bind("session", sessionPk).one(Jdbc.Row::firstLong);
    }

    /**
     * A move of their status, from a stop (ours: {@code actorId}) or the provider's callback: forward only (started
     * and paused take turns), and a final one writes {@code captions_stopped}. False when it changed nothing.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean moved(String captionsId, CaptionsStatus status, String actorId, String reason) {
        record Held(long id, long sessionPk, CaptionsStatus status) {
        }
        Held row = db.sql("select id, session_pk, status from captions"
                + " where captions_id = :captions for update").bind("captions", captionsId)
                .first(r -> new Held(r.longValue(1), r.longValue(2), CaptionsStatus.of(r.string(3)))).orElse(null);
        if (row == null) {
            return false;
        }
        CaptionsStatus was = row.status();
        if (was.isFinal() || was == status || status == CaptionsStatus.STARTING) {
            return false;
        }
        Instant now = clock.instant();
        long id = row.id();
        if (!status.isFinal()) {
            db.sql("update captions set status = :status where id = :id")
                    .bind("status", status.value()).bind("id", id).update();
        } else {
            db.sql("update captions set status = :status, stopped_at = :at, stopped_by = cast(:by as varchar)"
                    + " where id = :id").bind("status", status.value()).bind("at", now)
                    .bind("by", actorId).bind("id", id).update();
            events.entry(row.sessionPk(), EventType.CAPTIONS_STOPPED, actorId)
                    .detail("captionsId", captionsId).detail("status", status.value()).detail("reason", reason).record();
        }
        return true;
    }

    private static Found found(Jdbc.Row row) throws SQLException {
        return new Found(new CaptionsView(row.string(1), row.string(2), row.string(3), row.intValue(4), row.bool(5),
                CaptionsStatus.of(row.string(6)), row.string(7), row.instant(8), row.instant(9)), row.longValue(10));
    }
}
