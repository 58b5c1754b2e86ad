package com.smarttelehealth.video.session;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;

/**
 * Who may see and do what in a session. A session the caller may not see answers 404, exactly like one that
 * does not exist (the rule itself is the database's {@code session_visible_to}, shared with every read); a
 * visible session the caller may not change answers 403.
 */
@ApplicationScoped
public class SessionAccess {

    private final SessionStore sessions;

    SessionAccess(SessionStore sessions) {
        this.sessions = sessions;
    }

    /** The session, with its participants, if the caller takes part in it or is admin or service; else 404. */
    public VideoSession visible(String sessionId, Caller caller) {
        return sessions.findVisible(sessionId, caller).orElseThrow(() -> ApiException.notFound("The session"));
    }

    /** Managing a session (ending it, its participants, its recordings and broadcasts): a provider participant, admin or service. */
    public void requireManager(VideoSession session, Caller caller) {
        if (caller.isOperator() || isProvider(session, caller)) {
            return;
        }
        throw ApiException.forbidden("Only the session's providers, admin and service may manage it.");
    }

    /** Moderating a call (disconnect, mute): a provider participant or admin. */
    public void requireModerator(VideoSession session, Caller caller) {
        if (caller.isAdmin() || isProvider(session, caller)) {
            return;
        }
        throw ApiException.forbidden("Only the session's providers and admin may moderate the call.");
    }

    /** Whether the caller takes part in the session as a provider. */
    public boolean isProvider(VideoSession session, Caller caller) {
        return session.participant(caller.userId()).map(p -> p.role == ParticipantRole.PROVIDER).orElse(false);
    }
}
