package com.smarttelehealth.video.plan;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.plan.EntitlementStore.OpenConnection;
import com.smarttelehealth.video.provider.Outcome;
import com.smarttelehealth.video.provider.VideoProvider;

import io.quarkus.scheduler.Scheduled;

/**
 * Cuts the live connections of basic-plan patients whose minutes have run out. Each connection is
 * claimed in the database before the provider is asked to disconnect it, so that with several replicas
 * (or two runs at once) each connection is disconnected once; a claim whose disconnect failed is
 * released for the next run.
 */
@ApplicationScoped
public class QuotaEnforcementJob {

    private static final Logger LOG = Logger.getLogger(QuotaEnforcementJob.class);

    private final EntitlementStore store;
    private final EntitlementService entitlements;
    private final VideoProvider provider;
    private final Clock clock;

    QuotaEnforcementJob(EntitlementStore store, EntitlementService entitlements, VideoProvider provider, Clock clock) {
        this.store = store;
        this.entitlements = entitlements;
        this.provider = provider;
        this.clock = clock;
    }

    @Scheduled(identity = "quota-enforcement", every = "${videocall.jobs.interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** One pass; answers how many connections this pass disconnected. */
    public int run() {
        Instant now = clock.instant();
        List<OpenConnection> exhausted = store.unclaimedBasicConnections().stream()
                .filter(c -> entitlements.remainingSeconds(c.userId(), now) <= 0).toList();
        int disconnected = 0;
        for (OpenConnection connection : exhausted) {
            if (!store.claim(connection, now)) {
                continue; // another replica has it
            }
            Outcome<Void> cut = provider.forceDisconnect(connection.sessionId(), connection.connectionId());
            if (!cut.isFound() && !(cut instanceof Outcome.NotFound)) {
                LOG.warnf("Could not disconnect %s for exhausted minutes: %s", connection.connectionId(), cut);
                store.release(connection);
                continue;
            }
            store.exhausted(connection);
            LOG.infof("Disconnected %s: user %s has no video minutes left", connection.connectionId(), connection.userId());
            disconnected++;
        }
        return disconnected;
    }
}
