package com.smarttelehealth.video.invite;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.smarttelehealth.video.common.persistence.Jdbc;
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

    private final Jdbc db;
    private final EventStore events;
    private final SessionStore sessions;
    private final Clock clock;

    InviteStore(Jdbc db, EventStore events, SessionStore sessions, Clock clock) {
        this.db = db;
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
        boolean active = db.sql("select 1 from video_session where id = :session and status = 'active'"
                + " for share").bind("session", sessionPk).exists();
        if (!active) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        db.sql("""
                insert into session_invite (invite_id, session_pk, secret_hash, display_name, status, created_by,
                                            created_at, expires_at)
                values (:invite, :session, :hash, :name, 'open', :actor, :now, :expires)""")
                .bind("invite", code.inviteId()).bind("session", sessionPk)
                .bind("hash", code.secretHash()).bind("name", displayName)
                .bind("actor", actorId).bind("now", now).bind("expires", expiresAt)
                .update();
        events.entry(sessionPk, EventType.INVITE_CREATED, actorId).detail("inviteId", code.inviteId().toString())
                .detail("displayName", displayName).detail("expiresAt", expiresAt.toString()).record();
        return find(code.inviteId());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<InviteView> find(UUID inviteId) {
        Instant now = clock.instant();
        return db.sql(VIEW + " where i.invite_id = :invite").bind("invite", inviteId)
                .first(row -> view(row, now));
    }

    /** The session's invites, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<InviteView> page(long sessionPk, int offset, int limit) {
        Instant now = clock.instant();
        return db.sql(VIEW + " where i.session_pk = :session order by i.created_at, i.id"
                + " offset :offset limit :limit").bind("session", sessionPk).bind("offset", offset)
                .bind("limit", limit).list(row -> view(row, now));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(long sessionPk) {
        return db.sql("select count(*) from session_invite where session_pk = :session")
                .bind("session", sessionPk).one(Jdbc.Row::firstLong);
    }

    /** The invite and its session as they are now, read without a lock; empty for an unknown invite. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Lookup> lookup(UUID inviteId) {
        return db.sql("""
                select i.session_pk, s.session_id, i.secret_hash, i.status, i.expires_at, s.status = 'active',
                       s.window_starts_at, s.window_ends_at
                from session_invite i join video_session s on s.id = i.session_pk
                where i.invite_id = :invite""").bind("invite", inviteId)
                .first(row -> new Lookup(row.longValue(1), row.string(2), row.bytes(3), InviteStatus.of(row.string(4)),
                        row.instant(5), row.bool(6), row.instant(7), row.instant(8)));
    }

    /**
     * Redeems the open invite: the guest joins the session as a participant, the invite is used, and
     * {@code invite_redeemed} is written with the guest as its actor, all in one transaction. The invite's row
     * is locked first, so a concurrent redeem waits here and then finds it used.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Redeemed redeem(UUID inviteId, String displayName) {
        Instant now = clock.instant();
        Held row = db.sql("select id, session_pk, status, expires_at from session_invite"
                + " where invite_id = :invite for update").bind("invite", inviteId)
                .first(InviteStore::held).orElse(null);
        if (row == null) {
            return new Redeemed(null, Lost.GONE);
        }
        long sessionPk = row.sessionPk();
        InviteStatus status = row.status();
        if (status == InviteStatus.REDEEMED) {
            return new Redeemed(null, Lost.USED);
        }
        if (status != InviteStatus.OPEN || !row.expiresAt().isAfter(now)) {
            return new Redeemed(null, Lost.GONE);
        }
        String guest = guestUserId(inviteId);
        if (sessions.addGuest(sessionPk, guest, displayName).isEmpty()) {
            return new Redeemed(null, Lost.ENDED);
        }
        db.sql("update session_invite set status = 'redeemed', redeemed_at = :now where id = :id")
                .bind("now", now).bind("id", row.id()).update();
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
        Held row = db.sql("select id, session_pk, status, expires_at from session_invite"
                + " where invite_id = :invite for update").bind("invite", inviteId)
                .first(InviteStore::held).orElse(null);
        if (row == null) {
            return Optional.empty();
        }
        InviteStatus was = row.status();
        if (was != InviteStatus.REVOKED) {
            db.sql("update session_invite set status = 'revoked', revoked_at = :now, revoked_by = :actor"
                    + " where id = :id").bind("now", clock.instant()).bind("actor", actorId)
                    .bind("id", row.id()).update();
            events.entry(row.sessionPk(), EventType.INVITE_REVOKED, actorId)
                    .detail("inviteId", inviteId.toString()).detail("wasRedeemed", was == InviteStatus.REDEEMED)
                    .record();
        }
        return Optional.of(was);
    }

    /** The participant a redeemed invite made: named after the invite, so one invite makes one guest. */
    static String guestUserId(UUID inviteId) {
        return "guest-" + inviteId;
    }

    /** An invite's row, held for a change. */
    private record Held(long id, long sessionPk, InviteStatus status, Instant expiresAt) {
    }

    private static Held held(Jdbc.Row row) throws SQLException {
        return new Held(row.longValue(1), row.longValue(2), InviteStatus.of(row.string(3)), row.instant(4));
    }

    private static InviteView view(Jdbc.Row row, Instant now) throws SQLException {
        UUID inviteId = row.uuid(1);
        InviteStatus status = InviteStatus.of(row.string(4));
        Instant expiresAt = row.instant(7);
        Instant redeemedAt = row.instant(8);
        if (status == InviteStatus.OPEN && !expiresAt.isAfter(now)) {
            status = InviteStatus.EXPIRED;
        }
        return new InviteView(inviteId.toString(), row.string(2), row.string(3), status, row.string(5),
                row.instant(6), expiresAt, redeemedAt, row.instant(9),
                redeemedAt == null ? null : guestUserId(inviteId));
    }
}
