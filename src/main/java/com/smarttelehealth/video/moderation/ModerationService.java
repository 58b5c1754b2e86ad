package com.smarttelehealth.video.moderation;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.Caller;
import com.smarttelehealth.video.common.ProblemType;
import com.smarttelehealth.video.event.EventLog;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.moderation.ModerationRequests.MuteAll;
import com.smarttelehealth.video.moderation.ModerationRequests.Signal;
import com.smarttelehealth.video.opentok.OpenTokClient;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.VideoSession;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Moderation of a live call. Authorization is checked in a short transaction; the OpenTok call runs
 * outside it; the event is written once OpenTok has accepted the action.
 */
@ApplicationScoped
public class ModerationService {

    private final SessionAccess access;
    private final OpenTokClient openTok;
    private final EventLog events;

    ModerationService(SessionAccess access, OpenTokClient openTok, EventLog events) {
        this.access = access;
        this.openTok = openTok;
        this.events = events;
    }

    public void forceDisconnect(String sessionId, String connectionId, Caller caller) {
        Target target = moderatedSession(sessionId, caller);
        openTok.forceDisconnect(target.sessionId(), connectionId);
        QuarkusTransaction.requiringNew().run(() -> events.entry(target.pk(), EventType.CONNECTION_DISCONNECTED,
                caller.userId()).connection(connectionId).record());
    }

    public void muteAll(String sessionId, MuteAll request, Caller caller) {
        Target target = moderatedSession(sessionId, caller);
        openTok.muteAll(target.sessionId(), request.excludedOrEmpty());
        QuarkusTransaction.requiringNew().run(() -> events.entry(target.pk(), EventType.SESSION_MUTED, caller.userId())
                .detail("scope", "all").detail("excludedStreamIds", request.excludedOrEmpty()).record());
    }

    public void muteStream(String sessionId, String streamId, Caller caller) {
        Target target = moderatedSession(sessionId, caller);
        openTok.muteStream(target.sessionId(), streamId);
        QuarkusTransaction.requiringNew().run(() -> events.entry(target.pk(), EventType.SESSION_MUTED, caller.userId())
                .detail("scope", "stream").stream(streamId).record());
    }

    /**
     * Sends a signal. Its data may be chat text, so it is neither logged nor written to the event log.
     */
    public void signal(String sessionId, Signal request, Caller caller) {
        if (request.data().getBytes(StandardCharsets.UTF_8).length > ModerationRequests.MAX_SIGNAL_DATA_BYTES) {
            throw ApiException.validation("data", "must be at most 8 KiB (8192 bytes in UTF-8)");
        }
        String openTokSessionId = QuarkusTransaction.requiringNew().call(() -> {
            VideoSession session = access.visible(sessionId, caller);
            if (session.participant(caller.userId()).isEmpty()) {
                throw ApiException.forbidden("Only the session's participants send signals.");
            }
            requireActive(session);
            return session.sessionId;
        });
        openTok.signal(openTokSessionId, request.connectionId(), request.type(), request.data());
    }

    private Target moderatedSession(String sessionId, Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> {
            VideoSession session = access.visible(sessionId, caller);
            access.requireModerator(session, caller);
            requireActive(session);
            return new Target(session.id, session.sessionId);
        });
    }

    private static void requireActive(VideoSession session) {
        if (!session.isActive()) {
            throw ApiException.conflict(ProblemType.SESSION_ENDED, "The session has ended.");
        }
    }

    private record Target(long pk, String sessionId) {
    }
}
