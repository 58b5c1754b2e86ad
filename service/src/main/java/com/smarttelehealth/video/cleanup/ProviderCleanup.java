package com.smarttelehealth.video.cleanup;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.common.persistence.JobsDatabaseWatch;
import com.smarttelehealth.video.config.VideoCallConfig;
import com.smarttelehealth.video.provider.Outcome;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Carries out the steps at the video provider that committed changes call for ({@link CleanupStore}): stop
 * recordings and broadcasts, cut connections. Each kind of step is carried out by the feature that owns it,
 * through the {@link CleanupStep} it gives; this queue depends on no feature. It runs on every replica on a timer, and once right after the
 * change that asked for them, so that a session ends at the provider at once when the provider answers. A step
 * the provider does not take now (unreachable, an open circuit, an error of its own) is tried again with
 * backoff, across outages and restarts, until it is done; what the provider no longer knows is done.
 * <p>
 * A step that fails its last attempt ({@code videocall.cleanup.max-attempts}) is parked: kept with its last error,
 * no longer tried, logged at ERROR and counted. Finished steps are purged after {@code videocall.cleanup.retention}.
 * <p>
 * {@code videocall_cleanup_pending} counts the sessions with a step not done (and not parked),
 * {@code videocall_cleanup_oldest_seconds} is the age of the oldest such step, and
 * {@code videocall_cleanup_parked} counts the parked steps.
 */
@ApplicationScoped
public class ProviderCleanup {

    private static final Logger LOG = Logger.getLogger(ProviderCleanup.class);
    private static final long MAX_BACKOFF_SECONDS = 60;
    /** Steps one pass carries out at most, and finished steps one pass purges at most. */
    private static final int PER_PASS = 1000;
    private static final int ENDS_THREADS = 2;
    private static final int ENDS_QUEUE = 1000;

    private final CleanupStore store;
    private final Instance<CleanupStep> handlers;
    private Map<CleanupTask.Kind, CleanupStep> byKind;
    private final MeterRegistry registry;
    private final Clock clock;
    private final JobsDatabaseWatch watch;
    private final AtomicLong pendingSessions = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final VideoCallConfig.Cleanup config;
    /**
     * Where the ends' own runs go: threads of their own, not the answering request's. A request's Vert.x context
     * and CDI request context are torn down as its answer goes out, and a run that shared them outlived them. Two
     * threads and a bounded queue: a slow provider cannot take the request workers, and a run that finds the
     * queue full is left to the job, which finds its steps in the database.
     */
    private final ThreadPoolExecutor ends;

    ProviderCleanup(CleanupStore store, Instance<CleanupStep> handlers, MeterRegistry registry, Clock clock,
            JobsDatabaseWatch watch, VideoCallConfig config) {
        this.config = config.cleanup();
        AtomicInteger threads = new AtomicInteger();
        this.ends = new ThreadPoolExecutor(ENDS_THREADS, ENDS_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(ENDS_QUEUE), work -> {
                    Thread thread = new Thread(work, "provider-cleanup-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, (work, pool) -> LOG.debug("The ends' own clean-up runs are all busy; this one is left to the job"));
        this.ends.allowCoreThreadTimeOut(true);
        this.watch = watch;
        this.store = store;
        this.handlers = handlers;
        this.registry = registry;
        this.clock = clock;
    }

    void registerGauges(@Observes StartupEvent startup) {
        handlers(); // a kind of step without its handler stops the start, not the first clean-up
        Gauge.builder("videocall.cleanup.pending", pendingSessions, AtomicLong::get)
                .description("Sessions with clean-up at the video provider not done yet").register(registry);
        Gauge.builder("videocall.cleanup.oldest.seconds", oldestSeconds, AtomicLong::get)
                .description("Age of the oldest clean-up step at the video provider not done yet").baseUnit("seconds")
                .register(registry);
        Gauge.builder("videocall.cleanup.parked", parked, AtomicLong::get)
                .description("Clean-up steps at the video provider that failed their last attempt and are kept").register(registry);
    }

    @Scheduled(identity = "provider-cleanup", every = "${videocall.cleanup.interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        watch.run("provider-cleanup", this::run);
    }

    /**
     * One pass over every due step, each leased on its own while it is carried out, so that a slow provider cannot
     * make a lease lapse with steps still waiting in it; then finished steps past their retention are purged.
     * Answers how many steps it finished.
     */
    public int run() {
        int done = 0;
        for (int i = 0; i < PER_PASS; i++) {
            List<CleanupTask> due = store.claim(null, 1, clock.instant(), config.lease());
            if (due.isEmpty()) {
                break;
            }
            done += carryOut(due.get(0)) ? 1 : 0;
        }
        int purged = store.purgeFinished(clock.instant().minus(config.retention()), PER_PASS);
        if (purged > 0) {
            LOG.debugf("Purged %d clean-up steps finished more than %s ago", purged, config.retention());
        }
        refreshGauges();
        return done;
    }

    /**
     * Starts the due steps of one session beside the caller, on a thread of the queue's own, and answers at once: a
     * request that committed a change (an ended call, a removed participant) does not wait for the provider. The
     * steps are already recorded with that change, so a replica that stops before they run leaves them to the job.
     */
    public void startFor(long sessionPk) {
        ends.execute(() -> {
            try {
                runFor(sessionPk);
            } catch (Throwable e) { // runFor throws nothing it knows of: whatever this is, say it, then let it go on
                LOG.warnf(e, "The clean-up of a session stopped (%s); it is left to the job", e);
                throw e;
            }
        });
    }

    void stopEnds(@Observes ShutdownEvent shutdown) {
        ends.shutdownNow(); // what is queued or cut short is in the database, for the job of a replica still running
    }

    /** The due steps of one session, on the caller's thread (the jobs' own, for one). Never throws. */
    public void runFor(long sessionPk) {
        try {
            for (int i = 0; i < PER_PASS; i++) {
                List<CleanupTask> due = store.claim(sessionPk, 1, clock.instant(), config.lease());
                if (due.isEmpty()) {
                    return;
                }
                carryOut(due.get(0));
            }
        } catch (RuntimeException e) {
            LOG.warnf("The clean-up of a session is left to the job: %s", e.getMessage());
        }
    }

    /** Carries out one leased step; answers whether it is done. */
    private boolean carryOut(CleanupTask task) {
        Outcome<?> outcome = handlers().get(task.kind()).carryOut(task);
        Instant now = clock.instant();
        if (outcome.isFound()) {
            store.done(task.id(), now);
            if (task.attempts() > 1) {
                LOG.infof("Session %s: %s %s done after %d attempts", task.sessionId(), task.kind().value(),
                        task.targetId(), task.attempts());
            }
            return true;
        }
        String why = describe(outcome);
        if (task.attempts() >= config.maxAttempts()) {
            store.park(task.id(), why, now);
            LOG.errorf("Session %s: %s %s parked after %d attempts, the video platform %s; it is no longer tried"
                    + " (videocall_cleanup_parked)", task.sessionId(), task.kind().value(), task.targetId(),
                    task.attempts(), why);
            return false;
        }
        long backoff = Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(task.attempts() - 1, 6));
        store.retryLater(task.id(), why, now.plusSeconds(backoff));
        if (task.attempts() == 1) {
            LOG.warnf("Session %s: %s %s not done, the video platform %s; trying again until it is",
                    task.sessionId(), task.kind().value(), task.targetId(), why);
        } else {
            LOG.debugf("Session %s: %s %s not done (attempt %d), the video platform %s", task.sessionId(),
                    task.kind().value(), task.targetId(), task.attempts(), why);
        }
        return false;
    }

    /** The one handler of each kind of step, as the features give them; every kind must have one. */
    private Map<CleanupTask.Kind, CleanupStep> handlers() {
        Map<CleanupTask.Kind, CleanupStep> known = byKind;
        if (known == null) {
            known = new EnumMap<>(CleanupTask.Kind.class);
            for (CleanupStep handler : handlers) {
                if (known.put(handler.kind(), handler) != null) {
                    throw new IllegalStateException("Two clean-up handlers for " + handler.kind().value());
                }
            }
            for (CleanupTask.Kind kind : CleanupTask.Kind.values()) {
                if (!known.containsKey(kind)) {
                    throw new IllegalStateException("No clean-up handler for " + kind.value());
                }
            }
            byKind = known;
        }
        return known;
    }

    private void refreshGauges() {
        CleanupStore.Pending pending = store.pending(clock.instant());
        pendingSessions.set(pending.sessions());
        oldestSeconds.set(pending.oldestSeconds());
        parked.set(pending.parked());
    }

    private static String describe(Outcome<?> outcome) {
        if (outcome instanceof Outcome.Unavailable<?> unavailable) {
            return unavailable.why();
        }
        return "answered with an error";
    }
}
