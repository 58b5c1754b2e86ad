package com.smarttelehealth.video.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.cleanup.ProviderCleanup;
import com.smarttelehealth.video.common.persistence.JobsDatabaseWatch;
import com.smarttelehealth.video.config.VideoCallConfig;

import io.quarkus.scheduler.Scheduled;

/**
 * Ends appointment sessions whose window (grace included) has closed: recordings and broadcasts
 * stop, connections are cut, and {@code session_ended} is logged with reason {@code window_closed}.
 * The store takes due sessions with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work and each
 * session is ended once, with its clean-up at the provider recorded in the same transaction.
 */
@ApplicationScoped
public class AppointmentCloser {

    private static final Logger LOG = Logger.getLogger(AppointmentCloser.class);
    static final String WINDOW_CLOSED = "window_closed";
    private static final int BATCH = 100;

    private final SessionStore sessions;
    private final VideoCallConfig config;
    private final Clock clock;
    private final ProviderCleanup cleanup;
    private final JobsDatabaseWatch watch;

    AppointmentCloser(SessionStore sessions, VideoCallConfig config, Clock clock, ProviderCleanup cleanup,
            JobsDatabaseWatch watch) {
        this.watch = watch;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
        this.cleanup = cleanup;
    }

    @Scheduled(identity = "appointment-closer", every = "${videocall.jobs.interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        watch.run("appointment-closer", this::run);
    }

    /** One pass; answers how many sessions this pass ended. */
    public int run() {
        Instant closedBefore = clock.instant().minus(config.window().graceAfter());
        List<SessionEnded> ended = sessions.endClosedAppointments(closedBefore, BATCH, WINDOW_CLOSED);
        for (SessionEnded event : ended) {
            LOG.infof("Appointment session %s ended: its window closed", event.sessionId());
            cleanup.runFor(event.sessionPk());
        }
        return ended.size();
    }
}
