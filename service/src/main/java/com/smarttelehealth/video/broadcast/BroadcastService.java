package com.smarttelehealth.video.broadcast;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.broadcast.BroadcastRequests.StartBroadcast;
import com.smarttelehealth.video.common.web.Outcomes;
import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.PageResponse;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.common.web.ProviderProblems;
import com.smarttelehealth.video.provider.BroadcastInfo;
import com.smarttelehealth.video.provider.BroadcastSpec;
import com.smarttelehealth.video.provider.Outcome;
import com.smarttelehealth.video.provider.VideoProvider;
import com.smarttelehealth.video.recording.Layout;
import com.smarttelehealth.video.session.MediaMode;
import com.smarttelehealth.video.session.ParticipantRole;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.VideoSession;

import io.micrometer.core.instrument.MeterRegistry;

/** Live broadcasts (HLS and RTMP). RTMP stream names go to the provider and are never stored or shown whole. */
@ApplicationScoped
public class BroadcastService {

    private static final Logger LOG = Logger.getLogger(BroadcastService.class);

    private final BroadcastStore broadcasts;
    private final SessionAccess access;
    private final VideoProvider provider;
    private final MeterRegistry registry;

    BroadcastService(BroadcastStore broadcasts, SessionAccess access, VideoProvider provider,
            MeterRegistry registry) {
        this.broadcasts = broadcasts;
        this.access = access;
        this.provider = provider;
        this.registry = registry;
    }

    public BroadcastView start(String sessionId, StartBroadcast request, Caller caller) {
        String outcome = "rejected";
        try {
            VideoSession session = access.visible(sessionId, caller);
            if (!caller.isService() && !access.isProvider(session, caller)) {
                throw ApiException.forbidden("Only the session's providers and service may start a broadcast.");
            }
            if (!request.errors().isEmpty()) {
                throw ApiException.validation(request.errors());
            }
            if (!session.isActive()) {
                throw ApiException.conflict(ProblemType.SESSION_ENDED, "The session has ended.");
            }
            if (session.mediaMode != MediaMode.ROUTED) {
                throw ApiException.conflict(ProblemType.NOT_RECORDABLE, "A relayed session cannot be broadcast.");
            }
            // a broadcast sends the visit to people outside it: every patient says yes to that, apart from recording
            long missing = session.participants.stream()
                    .filter(p -> p.role == ParticipantRole.PATIENT && !p.broadcastConsent).count();
            if (missing > 0) {
                throw new ApiException(ProblemType.CONSENT_REQUIRED,
                        missing + " patient participant(s) have not consented to broadcasting.");
            }
            if (!broadcasts.started(session.id).isEmpty()) {
                throw ApiException.conflict(ProblemType.CONFLICT, "The session is already being broadcast.");
            }
            Layout layout = request.layoutOrDefault();
            List<BroadcastSpec.RtmpTarget> targets = request.rtmpOrEmpty().stream()
                    .map(r -> new BroadcastSpec.RtmpTarget(r.id(), r.serverUrl(), r.streamName())).toList();
            LOG.debugf("Starting a broadcast of session %s to %s", session.sessionId,
                    targets.stream().map(t -> RtmpUrls.hostOf(t.serverUrl())).toList());
            BroadcastInfo info = provider.startBroadcast(session.sessionId, new BroadcastSpec(request.hls() != null,
                    request.hls() != null && request.hls().dvrOrFalse(),
                    request.hls() != null && request.hls().lowLatencyOrFalse(), targets,
                    request.resolutionOrDefault(), layout.type().value(), layout.stylesheetOrNull(),
                    request.maxDurationOrDefault())).orElseThrow(failure -> failure instanceof Outcome.Conflict
                            ? ApiException.conflict(ProblemType.CONFLICT, "The session is already being broadcast.")
                            : ProviderProblems.of(failure));
            Broadcast saved = broadcasts.saveStarted(session.id, info, targets, request.resolutionOrDefault(),
                    request.maxDurationOrDefault(), layout, request.hls() != null, caller.userId());
            outcome = "success";
            return BroadcastView.of(saved, session.sessionId);
        } catch (RuntimeException e) {
            outcome = Outcomes.of(e);
            throw e;
        } finally {
            registry.counter("videocall.broadcasts.started", "outcome", outcome).increment();
        }
    }

    public BroadcastView stop(String broadcastId, Caller caller) {
        Found found = visible(broadcastId, caller);
        access.requireManager(found.session(), caller);
        if (found.broadcast().status != BroadcastStatus.STARTED) {
            return BroadcastView.of(found.broadcast(), found.session().sessionId);
        }
        return stopAtProvider(found, caller.userId(), null);
    }

    public BroadcastView get(String broadcastId, Caller caller) {
        Found found = visible(broadcastId, caller);
        if (found.broadcast().status == BroadcastStatus.STARTED) {
            Outcome<BroadcastInfo> current = provider.getBroadcast(broadcastId);
            if (current instanceof Outcome.Found<BroadcastInfo> info) {
                // the targets' statuses follow the callbacks, which carry each change in order (a provider that
                // reports them on a read, as Vonage's does, may be behind the callback that just arrived)
                return BroadcastView.of(broadcasts.apply(found.broadcast().id,
                        BroadcastStatus.reported(info.value().status()), Map.of(), null, null),
                        found.session().sessionId);
            }
            LOG.debugf("Could not refresh broadcast %s: %s", broadcastId, current);
        }
        return BroadcastView.of(found.broadcast(), found.session().sessionId);
    }

    /** One page of the session's broadcasts, read from our rows (their status comes with the provider's callbacks). */
    public PageResponse<BroadcastView> list(String sessionId, PageRequest page, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        List<BroadcastView> items = broadcasts.page(session.id, page.offset(), page.size()).stream()
                .map(b -> BroadcastView.of(b, session.sessionId)).toList();
        return new PageResponse<>(items, page.page(), page.size(), broadcasts.count(session.id));
    }

    public BroadcastView setLayout(String broadcastId, Layout layout, Caller caller) {
        if (!layout.errors("").isEmpty()) {
            throw ApiException.validation(layout.errors(""));
        }
        Found found = visible(broadcastId, caller);
        access.requireManager(found.session(), caller);
        if (found.broadcast().status != BroadcastStatus.STARTED) {
            throw ApiException.conflict(ProblemType.CONFLICT, "Only a started broadcast has a layout to change.");
        }
        provider.setBroadcastLayout(broadcastId, layout.type().value(), layout.stylesheetOrNull())
                .orElseThrow(ProviderProblems::of);
        return BroadcastView.of(broadcasts.setLayout(found.broadcast().id, layout), found.session().sessionId);
    }

    /** A status report from a callback: the broadcast's status and its RTMP targets'; false for one we do not know. */
    public boolean applyReport(String broadcastId, String status, Map<String, String> rtmpStatuses) {
        return broadcasts.applyReport(broadcastId, BroadcastStatus.reported(status), rtmpStatuses);
    }

    /**
     * A broadcast stop that a committed change asked for (the session ended): found when it is done (stopped
     * now, or not started any more); else what the provider answered, to try again.
     */
    public Outcome<?> finishStop(String broadcastId, String actorId, String reason) {
        Optional<Broadcast> found = broadcasts.find(broadcastId).map(BroadcastStore.Found::broadcast);
        if (found.isEmpty() || found.get().status != BroadcastStatus.STARTED) {
            return Outcome.found(null);
        }
        return stop(found.get(), actorId, reason);
    }

    private BroadcastView stopAtProvider(Found found, String actorId, String reason) {
        return BroadcastView.of(stop(found.broadcast(), actorId, reason).orElseThrow(ProviderProblems::of),
                found.session().sessionId);
    }

    /**
     * Stops the broadcast at the provider and records what it reports: found with the broadcast as it now is,
     * also when the provider had ended it already; else what the provider answered.
     */
    private Outcome<Broadcast> stop(Broadcast broadcast, String actorId, String reason) {
        broadcasts.askStop(broadcast.id, actorId, reason);
        Outcome<BroadcastInfo> stopped = provider.stopBroadcast(broadcast.broadcastId);
        if (stopped instanceof Outcome.Conflict || stopped instanceof Outcome.NotFound) {
            return Outcome.found(broadcasts.apply(broadcast.id, BroadcastStatus.STOPPED, Map.of(), actorId, reason));
        }
        return stopped.map(info -> {
            BroadcastStatus status = BroadcastStatus.reported(info.status());
            return broadcasts.apply(broadcast.id, status == null ? BroadcastStatus.STOPPED : status, Map.of(),
                    actorId, reason);
        });
    }


    private Found visible(String broadcastId, Caller caller) {
        BroadcastStore.Found found = broadcasts.find(broadcastId)
                .orElseThrow(() -> ApiException.notFound("The broadcast"));
        return new Found(found.broadcast(), access.visible(found.sessionId(), caller));
    }

    private record Found(Broadcast broadcast, VideoSession session) {
    }
}
