package com.smarttelehealth.video.broadcast;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.Caller;
import com.smarttelehealth.video.common.Outcomes;
import com.smarttelehealth.video.common.ProblemType;
import com.smarttelehealth.video.event.EventLog;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.opentok.BroadcastInfo;
import com.smarttelehealth.video.opentok.BroadcastSpec;
import com.smarttelehealth.video.opentok.OpenTokClient;
import com.smarttelehealth.video.recording.Layout;
import com.smarttelehealth.video.session.MediaMode;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.SessionEnded;
import com.smarttelehealth.video.session.SessionRepository;
import com.smarttelehealth.video.session.VideoSession;
import com.smarttelehealth.video.broadcast.BroadcastRequests.StartBroadcast;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Live broadcasts (HLS and RTMP). RTMP stream names go to OpenTok and are never stored or shown whole. */
@ApplicationScoped
public class BroadcastService {

    private static final Logger LOG = Logger.getLogger(BroadcastService.class);

    private final BroadcastRepository broadcasts;
    private final SessionRepository sessions;
    private final SessionAccess access;
    private final OpenTokClient openTok;
    private final EventLog events;
    private final Clock clock;
    private final MeterRegistry registry;

    BroadcastService(BroadcastRepository broadcasts, SessionRepository sessions, SessionAccess access,
            OpenTokClient openTok, EventLog events, Clock clock, MeterRegistry registry) {
        this.broadcasts = broadcasts;
        this.sessions = sessions;
        this.access = access;
        this.openTok = openTok;
        this.events = events;
        this.clock = clock;
        this.registry = registry;
    }

    public BroadcastView start(String sessionId, StartBroadcast request, Caller caller) {
        String outcome = "rejected";
        try {
            VideoSession session = QuarkusTransaction.requiringNew().call(() -> {
                VideoSession s = access.visible(sessionId, caller);
                if (!caller.isService() && !access.isProvider(s, caller)) {
                    throw ApiException.forbidden("Only the session's providers and service may start a broadcast.");
                }
                if (!request.errors().isEmpty()) {
                    throw ApiException.validation(request.errors());
                }
                if (!s.isActive()) {
                    throw ApiException.conflict(ProblemType.SESSION_ENDED, "The session has ended.");
                }
                if (s.mediaMode != MediaMode.ROUTED) {
                    throw ApiException.conflict(ProblemType.NOT_RECORDABLE, "A relayed session cannot be broadcast.");
                }
                if (!broadcasts.findStarted(s.id).isEmpty()) {
                    throw ApiException.conflict(ProblemType.CONFLICT, "The session is already being broadcast.");
                }
                return s;
            });
            Layout layout = request.layoutOrDefault();
            List<BroadcastSpec.RtmpTarget> targets = request.rtmpOrEmpty().stream()
                    .map(r -> new BroadcastSpec.RtmpTarget(r.id(), r.serverUrl(), r.streamName())).toList();
            LOG.debugf("Starting a broadcast of session %s to %s", session.sessionId, targets);
            BroadcastInfo info;
            try {
                info = openTok.startBroadcast(session.sessionId, new BroadcastSpec(request.hls() != null,
                        request.hls() != null && request.hls().dvrOrFalse(),
                        request.hls() != null && request.hls().lowLatencyOrFalse(), targets,
                        request.resolutionOrDefault(), layout.type().value(), layout.stylesheetOrNull(),
                        request.maxDurationOrDefault()));
            } catch (ApiException e) {
                if (e.type() == ProblemType.CONFLICT) {
                    throw ApiException.conflict(ProblemType.CONFLICT, "The session is already being broadcast.");
                }
                throw e;
            }
            Broadcast saved = QuarkusTransaction.requiringNew().call(() -> {
                Instant now = clock.instant();
                Broadcast broadcast = new Broadcast();
                broadcast.broadcastId = info.id();
                broadcast.sessionPk = session.id;
                broadcast.status = BroadcastStatus.STARTED;
                broadcast.hlsUrl = info.hlsUrl();
                List<Broadcast.RtmpTarget> rtmp = new ArrayList<>();
                for (BroadcastSpec.RtmpTarget target : targets) {
                    rtmp.add(new Broadcast.RtmpTarget(target.id(), target.serverUrl(), Broadcast.mask(target.streamName()),
                            "connecting"));
                }
                broadcast.rtmp = rtmp;
                broadcast.resolution = request.resolutionOrDefault();
                broadcast.maxDurationSeconds = request.maxDurationOrDefault();
                broadcast.layoutType = layout.type().value();
                broadcast.layoutStylesheet = layout.stylesheetOrNull();
                broadcast.startedBy = caller.userId();
                broadcast.createdAt = now;
                broadcast.updatedAt = now;
                broadcasts.persist(broadcast);
                events.entry(session.id, EventType.BROADCAST_STARTED, caller.userId()).broadcast(info.id())
                        .detail("hls", request.hls() != null).detail("rtmpTargets", targets.size())
                        .once(EventLog.onceKey(EventType.BROADCAST_STARTED, info.id())).record();
                return broadcast;
            });
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
        Found found = QuarkusTransaction.requiringNew().call(() -> {
            Found f = visible(broadcastId, caller);
            access.requireManager(f.session(), caller);
            return f;
        });
        if (found.broadcast().status != BroadcastStatus.STARTED) {
            return BroadcastView.of(found.broadcast(), found.session().sessionId);
        }
        return stopAtOpenTok(found, caller.userId(), null);
    }

    public BroadcastView get(String broadcastId, Caller caller) {
        Found found = QuarkusTransaction.requiringNew().call(() -> visible(broadcastId, caller));
        if (found.broadcast().status == BroadcastStatus.STARTED) {
            try {
                BroadcastInfo info = openTok.getBroadcast(broadcastId);
                return BroadcastView.of(apply(found.broadcast().id, BroadcastStatus.fromOpenTok(info.status()), null),
                        found.session().sessionId);
            } catch (ApiException e) {
                LOG.debugf("Could not refresh broadcast %s: %s", broadcastId, e.getMessage());
            }
        }
        return BroadcastView.of(found.broadcast(), found.session().sessionId);
    }

    public List<BroadcastView> list(String sessionId, Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> {
            VideoSession session = access.visible(sessionId, caller);
            return broadcasts.findBySession(session.id).stream().map(b -> BroadcastView.of(b, session.sessionId)).toList();
        });
    }

    public BroadcastView setLayout(String broadcastId, Layout layout, Caller caller) {
        if (!layout.errors("").isEmpty()) {
            throw ApiException.validation(layout.errors(""));
        }
        Found found = QuarkusTransaction.requiringNew().call(() -> {
            Found f = visible(broadcastId, caller);
            access.requireManager(f.session(), caller);
            return f;
        });
        if (found.broadcast().status != BroadcastStatus.STARTED) {
            throw ApiException.conflict(ProblemType.CONFLICT, "Only a started broadcast has a layout to change.");
        }
        openTok.setBroadcastLayout(broadcastId, layout.type().value(), layout.stylesheetOrNull());
        Broadcast saved = QuarkusTransaction.requiringNew().call(() -> {
            Broadcast current = broadcasts.findById(found.broadcast().id);
            current.layoutType = layout.type().value();
            current.layoutStylesheet = layout.stylesheetOrNull();
            current.updatedAt = clock.instant();
            return current;
        });
        return BroadcastView.of(saved, found.session().sessionId);
    }

    void onSessionEnded(@Observes SessionEnded ended) {
        List<Broadcast> started = QuarkusTransaction.requiringNew().call(() -> broadcasts.findStarted(ended.sessionPk()));
        VideoSession session = QuarkusTransaction.requiringNew().call(() -> sessions.findById(ended.sessionPk()));
        for (Broadcast broadcast : started) {
            try {
                stopAtOpenTok(new Found(broadcast, session), ended.actorId(), "session_ended");
            } catch (ApiException e) {
                LOG.warnf("Could not stop broadcast %s of ended session %s: %s", broadcast.broadcastId,
                        ended.sessionId(), e.getMessage());
            }
        }
    }

    private BroadcastView stopAtOpenTok(Found found, String actorId, String reason) {
        BroadcastStatus status;
        try {
            status = BroadcastStatus.fromOpenTok(openTok.stopBroadcast(found.broadcast().broadcastId).status());
        } catch (ApiException e) {
            if (e.type() != ProblemType.CONFLICT && e.type() != ProblemType.NOT_FOUND) {
                throw e;
            }
            status = BroadcastStatus.STOPPED; // OpenTok had already ended it
        }
        Broadcast saved = apply(found.broadcast().id, status == null ? BroadcastStatus.STOPPED : status,
                new Stopper(actorId, reason));
        return BroadcastView.of(saved, found.session().sessionId);
    }

    private record Stopper(String actorId, String reason) {
    }

    private Broadcast apply(long broadcastPk, BroadcastStatus next, Stopper stopper) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Broadcast current = broadcasts.findById(broadcastPk);
            if (current.status.canMoveTo(next)) {
                stopped(current, next, stopper);
            }
            return current;
        });
    }

    private void stopped(Broadcast current, BroadcastStatus next, Stopper stopper) {
        current.status = next;
        current.updatedAt = clock.instant();
        current.rtmp = current.rtmp.stream()
                .map(r -> new Broadcast.RtmpTarget(r.id(), r.serverUrl(), r.streamName(), "offline")).toList();
        events.entry(current.sessionPk, EventType.BROADCAST_STOPPED, stopper == null ? null : stopper.actorId())
                .broadcast(current.broadcastId).detail("status", next.value())
                .detail("reason", stopper == null ? null : stopper.reason())
                .once(EventLog.onceKey(EventType.BROADCAST_STOPPED, current.broadcastId)).record();
    }

    /** A status report from an OpenTok callback, in the caller's transaction; unknown broadcasts are ignored. */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    public boolean applyReport(String broadcastId, String status) {
        BroadcastStatus next = BroadcastStatus.fromOpenTok(status);
        return broadcasts.findByBroadcastId(broadcastId).map(current -> {
            if (next != null && current.status.canMoveTo(next)) {
                stopped(current, next, null);
            }
            return true;
        }).orElse(false);
    }

    private Found visible(String broadcastId, Caller caller) {
        Broadcast broadcast = broadcasts.findByBroadcastId(broadcastId)
                .orElseThrow(() -> ApiException.notFound("The broadcast"));
        VideoSession session = sessions.findById(broadcast.sessionPk);
        access.visible(session.sessionId, caller);
        return new Found(broadcast, session);
    }

    private record Found(Broadcast broadcast, VideoSession session) {
    }
}
