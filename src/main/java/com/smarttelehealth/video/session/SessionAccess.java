package com.smarttelehealth.video.session;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.Caller;

/**
 * Who may see and do what in a session. A session the caller may not see answers 404, exactly like
 * one that does not exist; a visible session the caller may not change answers 403.
 */
@ApplicationScoped
public class SessionAccess {

    private final SessionRepository sessions;

    SessionAccess(SessionRepository sessions) {
        this.sessions = sessions;
    }

    /** The session, if the caller takes part in it or is admin or service; else 404. */
    public VideoSession visible(String sessionId, Caller caller) {
        VideoSession session = sessions.findBySessionId(sessionId).orElseThrow(() -> ApiException.notFound("The session"));
        if (caller.isOperator() || session.participant(caller.userId()).isPresent()) {
            return session;
        }
        throw ApiException.notFound("The session");
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
