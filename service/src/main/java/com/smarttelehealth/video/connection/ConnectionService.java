package com.smarttelehealth.video.connection;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.common.persistence.JobsDatabaseWatch;
import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.provider.Outcome;
import com.smarttelehealth.video.provider.VideoProvider;
import com.smarttelehealth.video.session.SessionAccess;

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
    private final JobsDatabaseWatch watch;
    private final AtomicLong active = new AtomicLong();

    ConnectionService(ConnectionStore connections, SessionAccess access, VideoProvider provider,
            MeterRegistry registry, JobsDatabaseWatch watch) {
        this.watch = watch;
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
        watch.run("active-connections-gauge", () -> active.set(connections.countOpen()));
    }

    public List<ConnectionView> live(String sessionId, Caller caller) {
        return connections.live(access.visible(sessionId, caller).id);
    }

    /**
     * A disconnect that a committed change asked for (the session ended, the participant removed, minutes run
     * out): found when the connection is cut or the provider no longer knows it; else what it answered.
     */
    public Outcome<?> finishDisconnect(String sessionId, String connectionId) {
        Outcome<Void> outcome = provider.forceDisconnect(sessionId, connectionId);
        return outcome instanceof Outcome.NotFound ? Outcome.found(null) : outcome;
    }
}
