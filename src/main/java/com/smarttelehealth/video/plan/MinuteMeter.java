package com.smarttelehealth.video.plan;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Seconds of video a patient used in a period: the part of each of their connections (as patient) in
 * consultation sessions that falls in the period. An open connection counts up to {@code now}; each
 * device's connection counts on its own. Appointment sessions count nothing.
 */
@ApplicationScoped
public class MinuteMeter {

    private final EntityManager em;

    MinuteMeter(EntityManager em) {
        this.em = em;
    }

    /** The rule itself is the database function {@code video_seconds_used} (V1.4.0), shared with the token check. */
    public long secondsUsed(String userId, UsagePeriod period, Instant now) {
        Object seconds = em.createNativeQuery("select video_seconds_used(cast(:user as varchar),"
                + " cast(:start as timestamptz), cast(:end as timestamptz), cast(:now as timestamptz))")
                .setParameter("user", userId).setParameter("start", period.start()).setParameter("end", period.end())
                .setParameter("now", now)
                .getSingleResult();
        return ((Number) seconds).longValue();
    }
}
