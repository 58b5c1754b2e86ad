package com.smarttelehealth.video.moderation;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.common.web.ProviderProblems;
import com.smarttelehealth.video.moderation.ModerationRequests.MuteAll;
import com.smarttelehealth.video.moderation.ModerationRequests.Signal;
import com.smarttelehealth.video.provider.VideoProvider;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.VideoSession;

/**
 * Moderation of a live call. Authorization is checked first; the provider call follows; its event is written
 * once the provider has accepted the action.
 */
@ApplicationScoped
public class ModerationService {

    private final SessionAccess access;
    private final VideoProvider provider;
    private final ModerationStore moderation;

    ModerationService(SessionAccess access, VideoProvider provider, ModerationStore moderation) {
        this.access = access;
        this.provider = provider;
        this.moderation = moderation;
    }

    public void forceDisconnect(String sessionId, String connectionId, Caller caller) {
        VideoSession session = moderatedSession(sessionId, caller);
        provider.forceDisconnect(session.sessionId, connectionId).orElseThrow(ProviderProblems::of);
        moderation.disconnected(session.id, connectionId, caller.userId());
    }

    public void muteAll(String sessionId, MuteAll request, Caller caller) {
        VideoSession session = moderatedSession(sessionId, caller);
        provider.muteAll(session.sessionId, request.excludedOrEmpty()).orElseThrow(ProviderProblems::of);
        moderation.mutedAll(session.id, request.excludedOrEmpty(), caller.userId());
    }

    public void muteStream(String sessionId, String streamId, Caller caller) {
        VideoSession session = moderatedSession(sessionId, caller);
        provider.muteStream(session.sessionId, streamId).orElseThrow(ProviderProblems::of);
        moderation.mutedStream(session.id, streamId, caller.userId());
    }

    /**
     * Sends a signal. Its data may be chat text, so it is neither logged nor written to the event log.
     */
    public void signal(String sessionId, Signal request, Caller caller) {
        if (request.data().getBytes(StandardCharsets.UTF_8).length > ModerationRequests.MAX_SIGNAL_DATA_BYTES) {
            throw ApiException.validation("data", "must be at most 8 KiB (8192 bytes in UTF-8)");
        }
        VideoSession session = access.visible(sessionId, caller);
        if (session.participant(caller.userId()).isEmpty()) {
            throw ApiException.forbidden("Only the session's participants send signals.");
        }
        requireActive(session);
        provider.signal(session.sessionId, request.connectionId(), request.type(), request.data())
                .orElseThrow(ProviderProblems::of);
    }

    private VideoSession moderatedSession(String sessionId, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        access.requireModerator(session, caller);
        requireActive(session);
        return session;
    }

    private static void requireActive(VideoSession session) {
        if (!session.isActive()) {
            throw ApiException.conflict(ProblemType.SESSION_ENDED, "The session has ended.");
        }
    }
}
