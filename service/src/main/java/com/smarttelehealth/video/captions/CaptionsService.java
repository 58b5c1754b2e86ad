package com.smarttelehealth.video.captions;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.PageResponse;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.common.web.ProviderProblems;
import com.smarttelehealth.video.config.VideoCallConfig;
import com.smarttelehealth.video.provider.CaptionsSpec;
import com.smarttelehealth.video.provider.ClientRole;
import com.smarttelehealth.video.provider.Outcome;
import com.smarttelehealth.video.provider.TokenSpec;
import com.smarttelehealth.video.provider.VideoProvider;
import com.smarttelehealth.video.session.MediaMode;
import com.smarttelehealth.video.session.Participant;
import com.smarttelehealth.video.session.ParticipantRole;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.VideoSession;

/**
 * Live captions, for a deaf or hard-of-hearing participant: any participant but an observer (or the platform's
 * backend) starts them, one at a time per session. The provider's transcriber joins the call with a moderator
 * token the service signs, whose connection data names the participant who asked (for the service, the session's
 * first provider), so that the door lets it in only while that person may be there. Ending the session stops
 * them through the durable clean-up.
 */
@ApplicationScoped
public class CaptionsService {

    /** The languages the contract promises (the provider has more). */
    static final Set<String> LANGUAGES = Set.of("en-US", "es-US", "en-GB", "fr-FR", "de-DE", "it-IT", "pt-BR",
            "zh-CN", "ja-JP", "ko-KR", "hi-IN", "en-AU", "th-TH");
    static final int DEFAULT_MAX_DURATION = 14400;
    private static final long TRANSCRIBER_TOKEN_SECONDS = 600;

    private final CaptionsStore store;
    private final SessionAccess access;
    private final VideoProvider provider;
    private final VideoCallConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    CaptionsService(CaptionsStore store, SessionAccess access, VideoProvider provider, VideoCallConfig config,
            ObjectMapper json, Clock clock) {
        this.store = store;
        this.access = access;
        this.provider = provider;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    public CaptionsView start(String sessionId, String languageCode, Integer maxDurationSeconds, Boolean partial,
            Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        Participant asker = session.participant(caller.userId()).orElse(null);
        if (!caller.isService() && (asker == null || asker.role == ParticipantRole.OBSERVER)) {
            throw ApiException.forbidden("Captions are started by the session's participants (not observers) and service.");
        }
        if (!session.isActive()) {
            throw ApiException.conflict(ProblemType.SESSION_ENDED, "The session has ended.");
        }
        if (session.mediaMode == MediaMode.RELAYED) {
            throw ApiException.conflict(ProblemType.NOT_RECORDABLE, "Captions need a routed session.");
        }
        String language = LANGUAGES.stream().filter(l -> l.equalsIgnoreCase(languageCode)).findFirst()
                .orElseThrow(() -> ApiException.validation("languageCode", "must be one of " + LANGUAGES.stream().sorted().toList()));
        int maxDuration = maxDurationSeconds == null ? DEFAULT_MAX_DURATION : maxDurationSeconds;
        boolean partialCaptions = partial == null || partial;
        Participant standsFor = asker != null ? asker : session.participants.stream()
                .filter(p -> p.role == ParticipantRole.PROVIDER).findFirst()
                .orElseThrow(() -> ApiException.conflict(ProblemType.CONFLICT,
                        "The session has no provider for the captions to join as."));

        CaptionsStore.Reservation slot = store.reserve(session.id, language, maxDuration, partialCaptions, caller.userId());
        if (slot.slot() == CaptionsStore.Slot.ENDED) {
            throw ApiException.conflict(ProblemType.SESSION_ENDED, "The session has ended.");
        }
        if (slot.slot() == CaptionsStore.Slot.BUSY) {
            throw ApiException.conflict(ProblemType.CONFLICT, "The session's captions are already on: stop them first.");
        }
        Outcome<String> started;
        try {
            started = provider.signToken(new TokenSpec(session.sessionId, ClientRole.MODERATOR,
                    clock.instant().plusSeconds(TRANSCRIBER_TOKEN_SECONDS).truncatedTo(ChronoUnit.SECONDS),
                    connectionData(standsFor), null))
                    .flatMap(token -> provider.startCaptions(session.sessionId, token, new CaptionsSpec(language,
                            maxDuration, partialCaptions, config.captions().statusCallbackUrl().orElse(null))));
        } catch (RuntimeException e) {
            store.release(slot.id());
            throw e;
        }
        if (!started.isFound()) {
            store.release(slot.id());
            throw started instanceof Outcome.Conflict
                    ? ApiException.conflict(ProblemType.CONFLICT, "The video platform has captions on for this session already.")
                    : ProviderProblems.of(started);
        }
        return store.started(slot.id(), started.orElseThrow(ProviderProblems::of));
    }

    public PageResponse<CaptionsView> list(String sessionId, PageRequest page, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        List<CaptionsView> items = store.page(session.id, page.offset(), page.size());
        return new PageResponse<>(items, page.page(), page.size(), store.count(session.id));
    }

    /** Stops them (a provider participant, the one who started them, service). Stopped already: as they are. */
    public CaptionsView stop(String captionsId, Caller caller) {
        CaptionsStore.Found captions = store.find(captionsId).orElseThrow(() -> ApiException.notFound("The captions"));
        VideoSession session = access.visible(captions.view().sessionId(), caller);
        if (!caller.isService() && !access.isProvider(session, caller)
                && !caller.userId().equals(captions.view().startedBy())) {
            throw ApiException.forbidden("Captions are stopped by the session's providers, whoever started them, and service.");
        }
        if (!captions.view().status().isFinal()) {
            Outcome<Void> stopped = provider.stopCaptions(captionsId);
            if (!(stopped.isFound() || stopped instanceof Outcome.NotFound || stopped instanceof Outcome.Conflict)) {
                throw ProviderProblems.of(stopped);
            }
            store.moved(captionsId, CaptionsStatus.STOPPED, caller.userId(), "stopped");
        }
        return store.find(captionsId).orElseThrow().view();
    }

    /** The clean-up queue's stop (the session ended): done also when the provider had stopped them already. */
    Outcome<?> finishStop(String captionsId, String actorId, String reason) {
        Outcome<Void> stopped = provider.stopCaptions(captionsId);
        if (stopped.isFound() || stopped instanceof Outcome.NotFound || stopped instanceof Outcome.Conflict) {
            store.moved(captionsId, CaptionsStatus.STOPPED, actorId, reason);
            return Outcome.found(null);
        }
        return stopped;
    }

    /** The provider's status callback; false when it changed nothing. */
    public boolean reported(String captionsId, CaptionsStatus status, String reason) {
        return store.moved(captionsId, status, null, reason);
    }

    private String connectionData(Participant standsFor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", standsFor.userId);
        data.put("displayName", "Live captions");
        data.put("role", standsFor.role.value());
        data.put("captions", true);
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Connection data could not be written", e);
        }
    }
}
