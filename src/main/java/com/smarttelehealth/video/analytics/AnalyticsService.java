package com.smarttelehealth.video.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.Caller;
import com.smarttelehealth.video.event.EventLog;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.VideoSession;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Per-session analytics and quality samples. Every figure comes from our own tables, in a few indexed queries. */
@ApplicationScoped
public class AnalyticsService {

    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final EntityManager em;
    private final SessionAccess access;
    private final EventLog events;
    private final Clock clock;

    AnalyticsService(EntityManager em, SessionAccess access, EventLog events, Clock clock) {
        this.em = em;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    public AnalyticsView analytics(String sessionId, Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> compute(access.visible(sessionId, caller)));
    }

    AnalyticsView compute(VideoSession session) {
        Instant now = clock.instant();
        Object[] c = (Object[]) em.createNativeQuery("select count(*), count(distinct user_id),"
                + " count(*) filter (where disconnected_at is null),"
                + " coalesce(sum(extract(epoch from (coalesce(disconnected_at, :now) - connected_at))), 0),"
                + " min(connected_at)"
                + " from session_connection where session_pk = :pk")
                .setParameter("now", now).setParameter("pk", session.id).getSingleResult();
        long peak = number(em.createNativeQuery("select coalesce(max(concurrent), 0) from ("
                + " select sum(delta) over (order by at, delta rows unbounded preceding) as concurrent from ("
                + "  select connected_at as at, 1 as delta from session_connection where session_pk = :pk"
                + "  union all"
                + "  select disconnected_at, -1 from session_connection where session_pk = :pk and disconnected_at is not null"
                + " ) changes) running").setParameter("pk", session.id).getSingleResult());
        Object[] s = (Object[]) em.createNativeQuery("select count(*), count(*) filter (where video_type = 'screen')"
                + " from session_stream where session_pk = :pk").setParameter("pk", session.id).getSingleResult();
        long tokens = number(em.createNativeQuery("select count(*) from session_event where session_pk = :pk and type = :type")
                .setParameter("pk", session.id).setParameter("type", EventType.TOKEN_ISSUED.value()).getSingleResult());
        Object[] r = (Object[]) em.createNativeQuery("select count(*), coalesce(sum(duration_seconds), 0) from recording"
                + " where session_pk = :pk").setParameter("pk", session.id).getSingleResult();
        long broadcasts = number(em.createNativeQuery("select count(*) from broadcast where session_pk = :pk")
                .setParameter("pk", session.id).getSingleResult());
        Object[] q = (Object[]) em.createNativeQuery("select count(*), avg(round_trip_ms), avg(packet_loss_percent),"
                + " max(packet_loss_percent), avg(video_bitrate_kbps), avg(audio_bitrate_kbps)"
                + " from quality_sample where session_pk = :pk").setParameter("pk", session.id).getSingleResult();

        Instant startedAt = instant(c[4]);
        Instant end = session.endedAt != null ? session.endedAt : now;
        long duration = startedAt == null ? 0 : Math.max(0, Duration.between(startedAt, end).toSeconds());
        double connectedSeconds = ((Number) c[3]).doubleValue();
        return new AnalyticsView(session.sessionId, session.status, startedAt, session.endedAt, duration, number(c[1]),
                number(c[0]), number(c[2]), peak, (long) Math.ceil(connectedSeconds / 60.0), number(s[0]), number(s[1]),
                tokens, new AnalyticsView.Recordings(number(r[0]), number(r[1])), new AnalyticsView.Broadcasts(broadcasts),
                new AnalyticsView.Quality(number(q[0]), round(q[1]), round(q[2]), round(q[3]), round(q[4]), round(q[5])));
    }

    public void report(String sessionId, QualityRequest sample, Caller caller) {
        if (!sample.hasAFigure()) {
            throw ApiException.validation("roundTripMs", "a sample needs at least one figure");
        }
        Instant now = clock.instant();
        Instant measuredAt = sample.measuredAt() == null ? now : sample.measuredAt();
        if (measuredAt.isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw ApiException.validation("measuredAt", "must not be in the future");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            VideoSession session = access.visible(sessionId, caller);
            if (session.participant(caller.userId()).isEmpty()) {
                throw ApiException.forbidden("Only the session's participants report quality.");
            }
            em.createNativeQuery("insert into quality_sample (session_pk, user_id, connection_id, round_trip_ms,"
                    + " packet_loss_percent, video_bitrate_kbps, audio_bitrate_kbps, measured_at)"
                    + " values (:pk, :user, :connection, :rtt, :loss, :video, :audio, :at)")
                    .setParameter("pk", session.id).setParameter("user", caller.userId())
                    .setParameter("connection", sample.connectionId()).setParameter("rtt", sample.roundTripMs())
                    .setParameter("loss", sample.packetLossPercent()).setParameter("video", sample.videoBitrateKbps())
                    .setParameter("audio", sample.audioBitrateKbps()).setParameter("at", measuredAt)
                    .executeUpdate();
            events.entry(session.id, EventType.QUALITY_REPORTED, caller.userId()).at(measuredAt)
                    .connection(sample.connectionId()).detail("roundTripMs", sample.roundTripMs())
                    .detail("packetLossPercent", sample.packetLossPercent()).record();
        });
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double round(Object value) {
        if (value == null) {
            return null;
        }
        return Math.round(((Number) value).doubleValue() * 100.0) / 100.0;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("Unexpected time type " + value.getClass());
    }

}
