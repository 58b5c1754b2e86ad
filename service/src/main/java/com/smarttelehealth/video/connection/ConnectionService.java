package com.smarttelehealth.video.connection;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.provider.Outcome;
import com.smarttelehealth.video.provider.VideoProvider;
import com.smarttelehealth.video.session.ParticipantRemoved;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.SessionEnded;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/** Live connections: the list, the gauge, and cutting connections when a session ends or someone is removed. */
@ApplicationScoped
public class ConnectionService {

    private static final Logger LOG = Logger.getLogger(ConnectionService.class);

    private final ConnectionStore connections;
    private final SessionAccess access;
    private final VideoProvider provider;
    private final MeterRegistry registry;
    private final AtomicLong active = new AtomicLong();

    ConnectionService(ConnectionStore connections, SessionAccess access, VideoProvider provider,
            MeterRegistry registry) {
        this.connections = connections;
        this.access = access;
        this.provider = provider;
        this.registry = registry;
    }

    void registerGauge(@Observes StartupEvent startup) {
        Gauge.builder("videocall.active.connections", active, AtomicLong::get)
                .description("Connections open in all sessions, as the provider's callbacks report them")
                .register(registry);
    }

    /** Recounts the open connections (every replica sees the same database, so every replica reports the same). */
    @Scheduled(every = "${videocall.metrics.active-connections-refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refreshGauge() {
        try {
            active.set(connections.countOpen());
        } catch (RuntimeException e) {
            LOG.debugf("Could not count open connections: %s", e.getMessage());
        }
    }

    public List<ConnectionView> live(String sessionId, Caller caller) {
        return connections.live(access.visible(sessionId, caller).id);
    }

    void onSessionEnded(@Observes SessionEnded ended) {
        disconnectAll(ended.sessionId(), connections.open(ended.sessionPk()));
    }

    void onParticipantRemoved(@Observes ParticipantRemoved removed) {
        disconnectAll(removed.sessionId(), connections.openOf(removed.sessionPk(), removed.userId()));
    }

    /** Asks the provider to cut each connection; one the provider no longer knows is already gone. */
    private void disconnectAll(String sessionId, List<LiveConnection> open) {
        for (LiveConnection connection : open) {
            Outcome<Void> outcome = provider.forceDisconnect(sessionId, connection.connectionId);
            if (!outcome.isFound() && !(outcome instanceof Outcome.NotFound)) {
                LOG.warnf("Could not disconnect %s from session %s: %s", connection.connectionId, sessionId, outcome);
            }
        }
    }
}
