package com.smarttelehealth.video.common.persistence;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Runs the passes of the background jobs (quota, appointments, clean-up, the connections gauge) so that a
 * database outage is told once: one WARN when the jobs first find the database gone, one INFO when a pass
 * succeeds again, and nothing on the ticks in between. Any other failure is the scheduler's to log.
 */
@ApplicationScoped
public class JobsDatabaseWatch {

    private static final Logger LOG = Logger.getLogger(JobsDatabaseWatch.class);

    private final AtomicBoolean down = new AtomicBoolean();
    private volatile boolean stopping;

    void onShutdown(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /** One pass of {@code job}; none once the service is stopping, when its database pools are closing. */
    public void run(String job, Runnable pass) {
        if (stopping) {
            return;
        }
        try {
            pass.run();
        } catch (RuntimeException e) {
            if (stopping) {
                LOG.debugf("%s stopped with the service: %s", job, e.getMessage());
                return;
            }
            if (!Database.isUnavailable(e)) {
                throw e;
            }
            if (down.compareAndSet(false, true)) {
                LOG.warnf("The background jobs cannot reach the database (%s, in %s); they wait for it", rootCause(e), job);
            }
            return;
        }
        if (down.compareAndSet(true, false)) {
            LOG.infof("The database is back; the background jobs run again (%s)", job);
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
