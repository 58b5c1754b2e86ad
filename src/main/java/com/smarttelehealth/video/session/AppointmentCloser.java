package com.smarttelehealth.video.session;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.config.VideoCallConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Ends appointment sessions whose window (grace included) has closed: recordings and broadcasts
 * stop, connections are cut, and {@code session_ended} is logged with reason {@code window_closed}.
 * Due sessions are taken with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work and each
 * session is ended once.
 */
@ApplicationScoped
public class AppointmentCloser {

    private static final Logger LOG = Logger.getLogger(AppointmentCloser.class);
    static final String WINDOW_CLOSED = "window_closed";

    private final EntityManager em;
    private final SessionService sessions;
    private final VideoCallConfig config;
    private final Clock clock;
    private final Event<SessionEnded> sessionEnded;

    AppointmentCloser(EntityManager em, SessionService sessions, VideoCallConfig config, Clock clock,
            Event<SessionEnded> sessionEnded) {
        this.em = em;
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
        List<SessionEnded> ended = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> due = em.createNativeQuery("select id from video_session where status = 'active'"
                    + " and type = 'appointment' and window_ends_at < :closedBefore order by window_ends_at limit 100"
                    + " for update skip locked")
                    .setParameter("closedBefore", closedBefore).getResultList();
            List<SessionEnded> done = new ArrayList<>();
            for (Number id : due) {
                VideoSession session = em.find(VideoSession.class, id.longValue());
                Optional<SessionEnded> result = sessions.markEnded(session, null, WINDOW_CLOSED);
                result.ifPresent(done::add);
            }
            return done;
        });
        for (SessionEnded event : ended) {
            LOG.infof("Appointment session %s ended: its window closed", event.sessionId());
            sessionEnded.fire(event);
        }
        return ended.size();
    }
}
