package com.smarttelehealth.video.waitingroom;

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
import com.smarttelehealth.video.session.ParticipantRole;

/**
 * The waiting room's store: the only class that writes {@code waiting_room_entry} (V1.8.0), each change with its
 * event in one transaction. An entry belongs to its participation (deleted with it), one per participant, so
 * that concurrent check-ins and admits of one person, or an admit racing a removal, end in one consistent state:
 * each change is one upsert on that row, and a participant removed meanwhile has no row to change.
 */
@ApplicationScoped
public class WaitingRoomStore {

    /** Why a decline or a send-back cuts the user's live connections. */
    static final String NOT_ADMITTED = "not_admitted";

    private static final String ENTRY = """
            select p.user_id, p.display_name, p.role, w.status, w.checked_in_at, w.decided_at, w.decided_by,
                   case when w.status = 'waiting' then (select count(*) from waiting_room_entry o
                        where o.session_pk = w.session_pk and o.status = 'waiting'
                          and (o.checked_in_at, o.id) <= (w.checked_in_at, w.id)) end as position
            from waiting_room_entry w join session_participant p on p.id = w.participant_pk
            """;

    private final Jdbc db;
    private final EventStore events;
    private final CleanupStore cleanup;
    private final Clock clock;

    WaitingRoomStore(Jdbc db, EventStore events, CleanupStore cleanup, Clock clock) {
        this.db = db;
        this.events = events;
        this.cleanup = cleanup;
        this.clock = clock;
    }

    /** What a check-in or decision did: the entry as it now is, and whether it changed (false: it was so already). */
    public record Decided(WaitingEntryView entry, boolean changed) {
    }

    /**
     * The participant checks in: waiting from now, unless waiting or admitted already (then as it is); a declined
     * or sent-back user waits again. Empty when the user is no longer a participant.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Decided> checkIn(long sessionPk, String userId) {
        Optional<Long> participant = participant(sessionPk, userId);
        if (participant.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        boolean changed = db.sql("""
                insert into waiting_room_entry (participant_pk, session_pk, status, checked_in_at)
                values (:participant, :session, 'waiting', :now)
                on conflict (participant_pk) do update set status = 'waiting', checked_in_at = excluded.checked_in_at,
                    decided_at = null, decided_by = null, decline_reason = null
                where waiting_room_entry.status in ('declined', 'sent_back')
                returning id""").bind("participant", participant.get()).bind("session", sessionPk)
                .bind("now", now).exists();
        if (changed) {
            events.entry(sessionPk, EventType.PARTICIPANT_CHECKED_IN, userId).detail("userId", userId).record();
        }
        WaitingEntryView entry = entry(participant.get(), now);
        return Optional.of(new Decided(entry, changed));
    }

    /**
     * A provider's decision: admit (an entry is made for someone who has not checked in), decline or send back.
     * Deciding what stands already changes nothing and logs nothing. A decline or a send-back of someone who was
     * admitted cuts their live connections, through the durable clean-up. Empty when the user is no longer a
     * participant.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Decided> decide(long sessionPk, String userId, WaitingStatus decision, String actorId,
            String reason) {
        Optional<Long> participant = participant(sessionPk, userId);
        if (participant.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String was = db.sql("select status from waiting_room_entry where participant_pk = :p for update")
                .bind("p", participant.get()).first(Jdbc.Row::firstString).orElse(null);
        boolean changed = db.sql("""
                insert into waiting_room_entry (participant_pk, session_pk, status, decided_at, decided_by, decline_reason)
                values (:participant, :session, :status, :now, :actor, :reason)
                on conflict (participant_pk) do update set status = excluded.status, decided_at = excluded.decided_at,
                    decided_by = excluded.decided_by, decline_reason = excluded.decline_reason
                where waiting_room_entry.status <> excluded.status
                returning id""").bind("participant", participant.get()).bind("session", sessionPk)
                .bind("status", decision.value()).bind("now", now).bind("actor", actorId).bind("reason", reason)
                .exists();
        WaitingEntryView entry = entry(participant.get(), now);
        if (changed) {
            EventType type = switch (decision) {
                case ADMITTED -> EventType.PARTICIPANT_ADMITTED;
                case DECLINED -> EventType.PARTICIPANT_DECLINED;
                case SENT_BACK -> EventType.PARTICIPANT_SENT_BACK;
                case WAITING -> throw new IllegalArgumentException("waiting is not a decision");
            };
            events.entry(sessionPk, type, actorId).detail("userId", userId).detail("reason", reason)
                    .detail("waitedSeconds", entry.waitedSeconds()).record();
            if (decision != WaitingStatus.ADMITTED && "admitted".equals(was)) {
                cleanup.scheduleDisconnects(sessionPk, userId, actorId, NOT_ADMITTED, now);
            }
        }
        return Optional.of(new Decided(entry, changed));
    }

    /** The session's entries, oldest first; only {@code userId}'s when it is given. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<WaitingEntryView> entries(long sessionPk, String userId, int offset, int limit) {
        Jdbc.Statement query = db.sql(ENTRY + " where w.session_pk = :session"
                + (userId == null ? "" : " and p.user_id = :user")
                + " order by coalesce(w.checked_in_at, w.decided_at), w.id offset :offset limit :limit")
                .bind("session", sessionPk).bind("offset", offset).bind("limit", limit);
        if (userId != null) {
            query.bind("user", userId);
        }
        Instant now = clock.instant();
        return query.list(row -> view(row, now));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(long sessionPk, String userId) {
        Jdbc.Statement query = db.sql("select count(*) from waiting_room_entry w join session_participant p"
                + " on p.id = w.participant_pk where w.session_pk = :session"
                + (userId == null ? "" : " and p.user_id = :user")).bind("session", sessionPk);
        if (userId != null) {
            query.bind("user", userId);
        }
        return query.one(Jdbc.Row::firstLong);
    }

    /** People waiting now, in sessions that are active: the gauge. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long waitingNow() {
        return db.sql("select count(*) from waiting_room_entry w join video_session s"
                + " on s.id = w.session_pk where w.status = 'waiting' and s.status = 'active'")
                .one(Jdbc.Row::firstLong);
    }

    private Optional<Long> participant(long sessionPk, String userId) {
        return db.sql("select id from session_participant where session_pk = :session and user_id = :user for share")
                .bind("session", sessionPk).bind("user", userId).first(Jdbc.Row::firstLong);
    }

    private WaitingEntryView entry(long participantPk, Instant now) {
        return db.sql(ENTRY + " where w.participant_pk = :p").bind("p", participantPk).one(row -> view(row, now));
    }

    private static WaitingEntryView view(Jdbc.Row row, Instant now) throws SQLException {
        Instant checkedIn = row.instant("checked_in_at");
        Instant decided = row.instant("decided_at");
        String user = row.string("user_id");
        String name = row.string("display_name");
        return new WaitingEntryView(user, name == null ? user : name, ParticipantRole.of(row.string("role")),
                WaitingStatus.of(row.string("status")), checkedIn, decided, row.string("decided_by"),
                WaitingEntryView.waited(checkedIn, decided, now), row.nullableInt("position"));
    }
}
