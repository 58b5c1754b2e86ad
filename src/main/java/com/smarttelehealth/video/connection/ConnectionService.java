package com.smarttelehealth.video.connection;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.Caller;
import com.smarttelehealth.video.common.ProblemType;
import com.smarttelehealth.video.opentok.OpenTokClient;
import com.smarttelehealth.video.session.ParticipantRemoved;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.SessionEnded;
import com.smarttelehealth.video.session.VideoSession;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/** Live connections: the list, the gauge, and cutting connections when a session ends or someone is removed. */
@ApplicationScoped
public class ConnectionService {

    private static final Logger LOG = Logger.getLogger(ConnectionService.class);

    private final ConnectionRepository connections;
    private final SessionAccess access;
    private final OpenTokClient openTok;
    private final MeterRegistry registry;
    private final AtomicLong active = new AtomicLong();

    ConnectionService(ConnectionRepository connections, SessionAccess access, OpenTokClient openTok,
            MeterRegistry registry) {
        this.connections = connections;
        this.access = access;
        this.openTok = openTok;
        this.registry = registry;
    }

    void registerGauge(@Observes StartupEvent startup) {
        Gauge.builder("videocall.active.connections", active, AtomicLong::get)
                .description("Connections open in all sessions, as OpenTok's callbacks report them")
                .register(registry);
    }

    /** Recounts the open connections (every replica sees the same database, so every replica reports the same). */
    @Scheduled(every = "${videocall.metrics.active-connections-refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refreshGauge() {
        try {
            active.set(QuarkusTransaction.requiringNew().call(connections::countOpen));
        } catch (RuntimeException e) {
            LOG.debugf("Could not count open connections: %s", e.getMessage());
        }
    }

    public List<ConnectionView> live(String sessionId, Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> {
            VideoSession session = access.visible(sessionId, caller);
            var streams = connections.liveStreams(session.id);
            return connections.open(session.id).stream()
                    .map(c -> new ConnectionView(c.connectionId, c.userId, c.displayName, c.role, c.connectedAt,
                            streams.stream().filter(s -> c.connectionId.equals(s.connectionId))
                                    .map(s -> new ConnectionView.StreamView(s.streamId, s.videoType, s.createdAt))
                                    .toList()))
                    .toList();
        });
    }

    void onSessionEnded(@Observes SessionEnded ended) {
        disconnectAll(ended.sessionId(),
                QuarkusTransaction.requiringNew().call(() -> connections.open(ended.sessionPk())));
    }

    void onParticipantRemoved(@Observes ParticipantRemoved removed) {
        disconnectAll(removed.sessionId(),
                QuarkusTransaction.requiringNew().call(() -> connections.openOf(removed.sessionPk(), removed.userId())));
    }

    /** Asks OpenTok to cut each connection; one OpenTok no longer knows is already gone. */
    private void disconnectAll(String sessionId, List<LiveConnection> open) {
        for (LiveConnection connection : open) {
            try {
                openTok.forceDisconnect(sessionId, connection.connectionId);
            } catch (ApiException e) {
                if (e.type() != ProblemType.NOT_FOUND) {
                    LOG.warnf("Could not disconnect %s from session %s: %s", connection.connectionId, sessionId,
                            e.getMessage());
                }
            }
        }
    }
}
