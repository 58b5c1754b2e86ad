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

    public long secondsUsed(String userId, UsagePeriod period, Instant now) {
        Object seconds = em.createNativeQuery("with bounds as (select cast(:start as timestamptz) as p_start,"
                + " cast(:end as timestamptz) as p_end, cast(:now as timestamptz) as p_now)"
                + " select coalesce(sum(extract(epoch from (least(coalesce(c.disconnected_at, b.p_now), b.p_end)"
                + " - greatest(c.connected_at, b.p_start)))), 0)"
                + " from bounds b, session_connection c join video_session s on s.id = c.session_pk"
                + " where c.user_id = :user and c.role = 'patient' and s.type = 'consultation'"
                + " and c.connected_at < least(b.p_end, b.p_now) and coalesce(c.disconnected_at, b.p_now) > b.p_start")
                .setParameter("user", userId).setParameter("start", period.start()).setParameter("end", period.end())
                .setParameter("now", now)
                .getSingleResult();
        return (long) Math.floor(((Number) seconds).doubleValue());
    }
}
