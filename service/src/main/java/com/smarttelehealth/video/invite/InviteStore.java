package com.smarttelehealth.video.invite;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.smarttelehealth.video.common.persistence.Database;
import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.session.SessionStore;

/**
 * The invites' store: the only class that writes {@code session_invite} (V1.11.0), each change with its event in
 * one transaction. A redeem locks its invite row and moves it from {@code open} once: of concurrent redeems of one
 * code, one adds the guest and the others find it used.
 */
@ApplicationScoped
class InviteStore {

    private static final String VIEW = """
            select i.invite_id, s.session_id, i.display_name, i.status, i.created_by, i.created_at, i.expires_at,
                   i.redeemed_at, i.revoked_at
            from session_invite i join video_session s on s.id = i.session_pk
            """;

    private final EntityManager em;
    private final EventStore events;
    private final SessionStore sessions;
    private final Clock clock;

    InviteStore(EntityManager em, EventStore events, SessionStore sessions, Clock clock) {
        this.em = em;
        this.events = events;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** What a redeem needs to know before it changes anything: the stored hash, and the state of both. */
    record Lookup(long sessionPk, String sessionId, byte[] secretHash, InviteStatus status, Instant expiresAt,
            boolean sessionActive, Instant windowStartsAt, Instant windowEndsAt) {
    }

    /** Why a redeem that passed its checks could not be made after all: someone else was quicker. */
    enum Lost {
        USED, GONE, ENDED
    }

    /** The redeem's result: the guest's user id, or why it was lost. */
    record Redeemed(String guestUserId, Lost lost) {
    }

    /** A new open invite of an active session, with its event; empty when the session has ended meanwhile. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<InviteView> create(long sessionPk, InviteCode code, String displayName, Instant expiresAt,
            String actorId) {
        boolean active = em.createNativeQuery("select 1 from video_session where id = :session and status = 'active'"
                + " for share").setParameter("session", sessionPk).getResultList().stream().findFirst().isPresent();
        if (!active) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        em.createNativeQuery("""
                insert into session_invite (invite_id, session_pk, secret_hash, display_name, status, created_by,
                                            created_at, expires_at)
                values (:invite, :session, :hash, :name, 'open', :actor, :now, :expires)""")
                .setParameter("invite", code.inviteId()).setParameter("session", sessionPk)
                .setParameter("hash", code.secretHash()).setParameter("name", displayName)
                .setParameter("actor", actorId).setParameter("now", now).setParameter("expires", expiresAt)
                .executeUpdate();
        events.entry(sessionPk, EventType.INVITE_CREATED, actorId).detail("inviteId", code.inviteId().toString())
                .detail("displayName", displayName).detail("expiresAt", expiresAt.toString()).record();
        return find(code.inviteId());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<InviteView> find(UUID inviteId) {
        return em.createNativeQuery(VIEW + " where i.invite_id = :invite").setParameter("invite", inviteId)
                .getResultList().stream().findFirst().map(row -> view((Object[]) row, clock.instant()));
    }

    /** The session's invites, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<InviteView> page(long sessionPk, int offset, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(VIEW + " where i.session_pk = :session order by i.created_at, i.id"
                + " offset :offset limit :limit").setParameter("session", sessionPk).setParameter("offset", offset)
                .setParameter("limit", limit).getResultList();
        Instant now = clock.instant();
        return rows.stream().map(row -> view(row, now)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(long sessionPk) {
        return ((Number) em.createNativeQuery("select count(*) from session_invite where session_pk = :session")
                .setParameter("session", sessionPk).getSingleResult()).longValue();
    }

    /** The invite and its session as they are now, read without a lock; empty for an unknown invite. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Lookup> lookup(UUID inviteId) {
        return em.createNativeQuery("""
                select i.session_pk, s.session_id, i.secret_hash, i.status, i.expires_at, s.status = 'active',
                       s.window_starts_at, s.window_ends_at
                from session_invite i join video_session s on s.id = i.session_pk
                where i.invite_id = :invite""").setParameter("invite", inviteId).getResultList().stream().findFirst()
                .map(found -> {
                    Object[] row = (Object[]) found;
                    return new Lookup(((Number) row[0]).longValue(), (String) row[1], (byte[]) row[2],
                            InviteStatus.of((String) row[3]), Database.instantOf(row[4]), (Boolean) row[5],
                            Database.instantOf(row[6]), Database.instantOf(row[7]));
                });
    }

    /**
     * Redeems the open invite: the guest joins the session as a participant, the invite is used, and
     * {@code invite_redeemed} is written with the guest as its actor, all in one transaction. The invite's row
     * is locked first, so a concurrent redeem waits here and then finds it used.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Redeemed redeem(UUID inviteId, String displayName) {
        Instant now = clock.instant();
        Object[] row = (Object[]) em.createNativeQuery("select id, session_pk, status, expires_at from session_invite"
                + " where invite_id = :invite for update").setParameter("invite", inviteId).getResultList().stream()
                .findFirst().orElse(null);
        if (row == null) {
            return new Redeemed(null, Lost.GONE);
        }
        long sessionPk = ((Number) row[1]).longValue();
        InviteStatus status = InviteStatus.of((String) row[2]);
        if (status == InviteStatus.REDEEMED) {
            return new Redeemed(null, Lost.USED);
        }
        if (status != InviteStatus.OPEN || !Database.instantOf(row[3]).isAfter(now)) {
            return new Redeemed(null, Lost.GONE);
        }
        String guest = guestUserId(inviteId);
        if (sessions.addGuest(sessionPk, guest, displayName).isEmpty()) {
            return new Redeemed(null, Lost.ENDED);
        }
        em.createNativeQuery("update session_invite set status = 'redeemed', redeemed_at = :now where id = :id")
                .setParameter("now", now).setParameter("id", ((Number) row[0]).longValue()).executeUpdate();
        events.entry(sessionPk, EventType.INVITE_REDEEMED, guest).detail("inviteId", inviteId.toString())
                .detail("userId", guest).detail("displayName", displayName).record();
        return new Redeemed(guest, null);
    }

    /**
     * Closes the invite, with its event, unless it is closed already. Answers what it was before (empty for an
     * unknown invite): a redeemed invite's guest is then removed by the caller, through the session's rule.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<InviteStatus> revoke(UUID inviteId, String actorId) {
        Object[] row = (Object[]) em.createNativeQuery("select id, session_pk, status from session_invite"
                + " where invite_id = :invite for update").setParameter("invite", inviteId).getResultList().stream()
                .findFirst().orElse(null);
        if (row == null) {
            return Optional.empty();
        }
        InviteStatus was = InviteStatus.of((String) row[2]);
        if (was != InviteStatus.REVOKED) {
            em.createNativeQuery("update session_invite set status = 'revoked', revoked_at = :now, revoked_by = :actor"
                    + " where id = :id").setParameter("now", clock.instant()).setParameter("actor", actorId)
                    .setParameter("id", ((Number) row[0]).longValue()).executeUpdate();
            events.entry(((Number) row[1]).longValue(), EventType.INVITE_REVOKED, actorId)
                    .detail("inviteId", inviteId.toString()).detail("wasRedeemed", was == InviteStatus.REDEEMED)
                    .record();
        }
        return Optional.of(was);
    }

    /** The participant a redeemed invite made: named after the invite, so one invite makes one guest. */
    static String guestUserId(UUID inviteId) {
        return "guest-" + inviteId;
    }

    private static InviteView view(Object[] row, Instant now) {
        UUID inviteId = (UUID) row[0];
        InviteStatus status = InviteStatus.of((String) row[3]);
        Instant expiresAt = Database.instantOf(row[6]);
        Instant redeemedAt = Database.instantOf(row[7]);
        if (status == InviteStatus.OPEN && !expiresAt.isAfter(now)) {
            status = InviteStatus.EXPIRED;
        }
        return new InviteView(inviteId.toString(), (String) row[1], (String) row[2], status, (String) row[4],
                Database.instantOf(row[5]), expiresAt, redeemedAt, Database.instantOf(row[8]),
                redeemedAt == null ? null : guestUserId(inviteId));
    }
}
