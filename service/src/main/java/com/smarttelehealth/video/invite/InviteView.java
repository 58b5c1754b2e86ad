package com.smarttelehealth.video.invite;

import java.time.Instant;

/**
 * An invite as its session's providers see it: never its code. {@code guestUserId} is the participant a redeem
 * made ({@code guest-<inviteId>}), for removing them.
 */
public record InviteView(String inviteId, String sessionId, String displayName, InviteStatus status,
        String createdBy, Instant createdAt, Instant expiresAt, Instant redeemedAt, Instant revokedAt,
        String guestUserId) {

    /** The answer to a create: the invite, and its code, shown this once. */
    public record Created(String inviteId, String sessionId, String code, String displayName, InviteStatus status,
            String createdBy, Instant createdAt, Instant expiresAt) {

        static Created of(InviteView invite, InviteCode code) {
            return new Created(invite.inviteId(), invite.sessionId(), code.value(), invite.displayName(),
                    invite.status(), invite.createdBy(), invite.createdAt(), invite.expiresAt());
        }

        /** Never the code, should the answer end up in a log line. */
        @Override
        public String toString() {
            return "Created[" + inviteId + "]";
        }
    }
}
