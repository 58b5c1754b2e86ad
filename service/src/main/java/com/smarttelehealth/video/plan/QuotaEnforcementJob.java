package com.smarttelehealth.video.plan;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.cleanup.ProviderCleanup;
import com.smarttelehealth.video.common.persistence.JobsDatabaseWatch;
import com.smarttelehealth.video.plan.EntitlementStore.OpenConnection;

import io.quarkus.scheduler.Scheduled;

/**
 * Cuts the live connections of basic-plan patients whose minutes have run out. Each connection is
 * claimed in the database, with its {@code quota_exhausted} event and its disconnect at the provider, in
 * one transaction, so that with several replicas (or two runs at once) each connection is cut once; the
 * disconnect is tried at once and, when the provider does not take it, retried by {@link ProviderCleanup}.
 */
@ApplicationScoped
public class QuotaEnforcementJob {

    private static final Logger LOG = Logger.getLogger(QuotaEnforcementJob.class);

    private final EntitlementStore store;
    private final ProviderCleanup cleanup;
    private final Clock clock;
    private final JobsDatabaseWatch watch;

    QuotaEnforcementJob(EntitlementStore store, ProviderCleanup cleanup, Clock clock, JobsDatabaseWatch watch) {
        this.watch = watch;
        this.store = store;
        this.cleanup = cleanup;
        this.clock = clock;
    }

    @Scheduled(identity = "quota-enforcement", every = "${videocall.jobs.interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        watch.run("quota-enforcement", this::run);
    }

    /** One pass; answers how many connections this pass claimed for disconnection. */
    public int run() {
        Instant now = clock.instant();
        List<OpenConnection> exhausted = store.exhaustedBasicConnections(UsagePeriod.of(now), now);
        int claimed = 0;
        for (OpenConnection connection : exhausted) {
            if (!store.claimForDisconnect(connection, now)) {
                continue; // another replica has it
            }
            cleanup.runFor(connection.sessionPk());
            LOG.infof("Disconnecting %s: user %s has no video minutes left", connection.connectionId(), connection.userId());
            claimed++;
        }
        return claimed;
    }
}
