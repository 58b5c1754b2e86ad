package com.smarttelehealth.video.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.config.VideoCallConfig;

import io.quarkus.scheduler.Scheduled;

/**
 * Ends appointment sessions whose window (grace included) has closed: recordings and broadcasts
 * stop, connections are cut, and {@code session_ended} is logged with reason {@code window_closed}.
 * The store takes due sessions with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work and each
 * session is ended once.
 */
@ApplicationScoped
public class AppointmentCloser {

    private static final Logger LOG = Logger.getLogger(AppointmentCloser.class);
    static final String WINDOW_CLOSED = "window_closed";
    private static final int BATCH = 100;

    private final SessionStore sessions;
    private final VideoCallConfig config;
    private final Clock clock;
    private final Event<SessionEnded> sessionEnded;

    AppointmentCloser(SessionStore sessions, VideoCallConfig config, Clock clock, Event<SessionEnded> sessionEnded) {
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
        this.sessionEnded = sessionEnded;
    }

    @Scheduled(identity = "appointment-closer", every = "${videocall.jobs.interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** One pass; answers how many sessions this pass ended. */
    public int run() {
        Instant closedBefore = clock.instant().minus(config.window().graceAfter());
        List<SessionEnded> ended = sessions.endClosedAppointments(closedBefore, BATCH, WINDOW_CLOSED);
        for (SessionEnded event : ended) {
            LOG.infof("Appointment session %s ended: its window closed", event.sessionId());
            sessionEnded.fire(event);
        }
        return ended.size();
    }
}
