package com.smarttelehealth.video.waitingroom;

import java.time.Clock;
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

    private final EntityManager em;
    private final EventStore events;
    private final CleanupStore cleanup;
    private final Clock clock;

    WaitingRoomStore(EntityManager em, EventStore events, CleanupStore cleanup, Clock clock) {
        this.em = em;
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
        boolean changed = !em.createNativeQuery("""
                insert into waiting_room_entry (participant_pk, session_pk, status, checked_in_at)
                values (:participant, :session, 'waiting', :now)
                on conflict (participant_pk) do update set status = 'waiting', checked_in_at = excluded.checked_in_at,
                    decided_at = null, decided_by = null, decline_reason = null
                where waiting_room_entry.status in ('declined', 'sent_back')
                returning id""").setParameter("participant", participant.get()).setParameter("session", sessionPk)
                .setParameter("now", now).getResultList().isEmpty();
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
        String was = (String) em.createNativeQuery("select status from waiting_room_entry where participant_pk = :p"
                + " for update").setParameter("p", participant.get()).getResultList().stream().findFirst().orElse(null);
        boolean changed = !em.createNativeQuery("""
                insert into waiting_room_entry (participant_pk, session_pk, status, decided_at, decided_by, decline_reason)
                values (:participant, :session, :status, :now, :actor, :reason)
                on conflict (participant_pk) do update set status = excluded.status, decided_at = excluded.decided_at,
                    decided_by = excluded.decided_by, decline_reason = excluded.decline_reason
                where waiting_room_entry.status <> excluded.status
                returning id""").setParameter("participant", participant.get()).setParameter("session", sessionPk)
                .setParameter("status", decision.value()).setParameter("now", now).setParameter("actor", actorId)
                .setParameter("reason", reason).getResultList().isEmpty();
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
        var query = em.createNativeQuery(ENTRY + " where w.session_pk = :session"
                + (userId == null ? "" : " and p.user_id = :user")
                + " order by coalesce(w.checked_in_at, w.decided_at), w.id offset :offset limit :limit")
                .setParameter("session", sessionPk).setParameter("offset", offset).setParameter("limit", limit);
        if (userId != null) {
            query.setParameter("user", userId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Instant now = clock.instant();
        return rows.stream().map(row -> view(row, now)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(long sessionPk, String userId) {
        var query = em.createNativeQuery("select count(*) from waiting_room_entry w join session_participant p"
                + " on p.id = w.participant_pk where w.session_pk = :session"
                + (userId == null ? "" : " and p.user_id = :user")).setParameter("session", sessionPk);
        if (userId != null) {
            query.setParameter("user", userId);
        }
        return ((Number) query.getSingleResult()).longValue();
    }

    /** People waiting now, in sessions that are active: the gauge. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long waitingNow() {
        return ((Number) em.createNativeQuery("select count(*) from waiting_room_entry w join video_session s"
                + " on s.id = w.session_pk where w.status = 'waiting' and s.status = 'active'").getSingleResult())
                .longValue();
    }

    private Optional<Long> participant(long sessionPk, String userId) {
        return em.createNativeQuery("select id from session_participant where session_pk = :session and user_id = :user"
                + " for share").setParameter("session", sessionPk).setParameter("user", userId)
                .getResultList().stream().findFirst().map(id -> ((Number) id).longValue());
    }

    private WaitingEntryView entry(long participantPk, Instant now) {
        return view((Object[]) em.createNativeQuery(ENTRY + " where w.participant_pk = :p")
                .setParameter("p", participantPk).getSingleResult(), now);
    }

    private static WaitingEntryView view(Object[] row, Instant now) {
        Instant checkedIn = Database.instantOf(row[4]);
        Instant decided = Database.instantOf(row[5]);
        String user = (String) row[0];
        return new WaitingEntryView(user, row[1] == null ? user : (String) row[1], ParticipantRole.of((String) row[2]),
                WaitingStatus.of((String) row[3]), checkedIn, decided, (String) row[6],
                WaitingEntryView.waited(checkedIn, decided, now), row[7] == null ? null : ((Number) row[7]).intValue());
    }
}
