package com.smarttelehealth.video.invite;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.PathIds;
import com.smarttelehealth.video.common.web.PageResponse;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.common.web.RateLimiter;
import com.smarttelehealth.video.config.VideoCallConfig;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.SessionService;
import com.smarttelehealth.video.session.VideoSession;
import com.smarttelehealth.video.token.AppointmentWindow;
import com.smarttelehealth.video.token.TokenService;
import com.smarttelehealth.video.token.TokenView;

import io.smallrye.mutiny.Uni;

/**
 * Guest invites: a provider of the session (or the platform's backend) invites someone without an account, who
 * redeems the code once and joins as a {@code guest} participant. From then on the guest is a participant like any
 * other: the session's one access rule and its door apply, and removing them cuts them off. An invite is the
 * provider's admission, so a guest does not wait; a guest has no plan to check.
 * <p>
 * A code is tried before anything is said of it: an unknown code, a wrong secret, an expired and a revoked invite
 * all answer the same 404. Only the holder of the right code learns that it was used (410) or that the session
 * has ended (409).
 */
@ApplicationScoped
public class InviteService {

    static final int DEFAULT_EXPIRES_IN_SECONDS = 3600;

    private final InviteStore store;
    private final SessionAccess access;
    private final SessionService sessions;
    private final TokenService tokens;
    private final RateLimiter rateLimiter;
    private final VideoCallConfig config;
    private final Clock clock;

    InviteService(InviteStore store, SessionAccess access, SessionService sessions, TokenService tokens,
            RateLimiter rateLimiter, VideoCallConfig config, Clock clock) {
        this.store = store;
        this.access = access;
        this.sessions = sessions;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.clock = clock;
    }

    /** A new invite of an active session (a provider participant, service); its code is in this answer only. */
    public InviteView.Created create(String sessionId, String displayName, Integer expiresInSeconds, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        if (!caller.isService() && !access.isProvider(session, caller)) {
            throw ApiException.forbidden("Only the session's providers and service invite guests.");
        }
        if (!session.isActive()) {
            throw ended();
        }
        Instant expiresAt = clock.instant().plusSeconds(expiresInSeconds == null ? DEFAULT_EXPIRES_IN_SECONDS
                : expiresInSeconds).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        InviteCode code = InviteCode.generate();
        InviteView invite = store.create(session.id, code, displayName.strip(), expiresAt, caller.userId())
                .orElseThrow(InviteService::ended);
        return InviteView.Created.of(invite, code);
    }

    /** The session's invites, without codes (its providers, admin, service). */
    public PageResponse<InviteView> list(String sessionId, PageRequest page, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        requireManager(session, caller);
        List<InviteView> items = store.page(session.id, page.offset(), page.size());
        return new PageResponse<>(items, page.page(), page.size(), store.count(session.id));
    }

    /**
     * Closes an invite (its session's providers, admin, service). Revoking a redeemed invite also removes its
     * guest, who is then cut off at the door: whoever revokes means that the guest should not be there.
     * Revoking again changes nothing.
     */
    public void revoke(String inviteId, Caller caller) {
        UUID id = PathIds.uuid(inviteId).orElseThrow(InviteService::notFound);
        InviteView invite = store.find(id).orElseThrow(InviteService::notFound);
        VideoSession session = access.visible(invite.sessionId(), caller); // 404 for whoever may not see it
        requireManager(session, caller);
        InviteStatus was = store.revoke(id, caller.userId()).orElseThrow(InviteService::notFound);
        // what the locked row said, not what was read before it: a redeem may have finished in between
        if (was == InviteStatus.REDEEMED) {
            String guest = InviteStore.guestUserId(id);
            if (access.visible(session.sessionId, caller).participant(guest).isPresent()) {
                sessions.removeParticipant(session.sessionId, guest, caller);
            }
        }
    }

    /**
     * Redeems a code, from anyone, without a JWT: at most {@code videocall.rate-limit.invite-redeems-per-minute}
     * attempts a minute from one client address. Answers the guest's token.
     */
    public Uni<TokenView> redeem(String code, String displayName, String clientAddress) {
        rateLimiter.acquire("invite-redeem", clientAddress, config.rateLimit().inviteRedeemsPerMinute());
        Optional<InviteCode> parsed = InviteCode.parse(code);
        Optional<InviteStore.Lookup> found = parsed.flatMap(c -> store.lookup(c.inviteId()));
        byte[] storedHash = found.map(InviteStore.Lookup::secretHash).orElse(null);
        if (parsed.isEmpty() || !parsed.get().matches(storedHash)) {
            throw notFound();
        }
        InviteStore.Lookup invite = found.get();
        Instant now = clock.instant();
        if (invite.status() == InviteStatus.REDEEMED) {
            throw used();
        }
        if (invite.status() != InviteStatus.OPEN || !invite.expiresAt().isAfter(now)) {
            throw notFound();
        }
        if (!invite.sessionActive()) {
            throw ended();
        }
        // the window holds for guests as for everyone: the invite stays open for a redeem inside it
        AppointmentWindow.of(invite.windowStartsAt(), invite.windowEndsAt(), config.window())
                .filter(window -> !window.isOpen(now)).ifPresent(window -> {
                    throw new ApiException(ProblemType.OUTSIDE_APPOINTMENT_WINDOW, "This appointment can be joined"
                            + " from " + window.opensAt() + " to " + window.closesAt() + ".");
                });
        InviteStore.Redeemed redeemed = store.redeem(parsed.get().inviteId(), displayName.strip());
        if (redeemed.lost() != null) {
            throw switch (redeemed.lost()) {
                case USED -> used();
                case GONE -> notFound();
                case ENDED -> ended();
            };
        }
        return tokens.issueForGuest(invite.sessionId(), redeemed.guestUserId());
    }

    private void requireManager(VideoSession session, Caller caller) {
        if (!caller.isOperator() && !access.isProvider(session, caller)) {
            throw ApiException.forbidden("Only the session's providers, admin and service manage its invites.");
        }
    }


    private static ApiException notFound() {
        return ApiException.notFound("The invite");
    }

    private static ApiException used() {
        return new ApiException(ProblemType.INVITE_USED, "This invite has been used: ask for a new one.");
    }

    private static ApiException ended() {
        return ApiException.conflict(ProblemType.SESSION_ENDED, "The session has ended.");
    }
}
