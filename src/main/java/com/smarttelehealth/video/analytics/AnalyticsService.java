package com.smarttelehealth.video.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.Caller;
import com.smarttelehealth.video.common.Database;
import com.smarttelehealth.video.common.StoreException;
import com.smarttelehealth.video.event.EventLog;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.SessionStatus;
import com.smarttelehealth.video.session.VideoSession;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Per-session analytics and quality samples. Every figure comes from our own tables, in one indexed statement. */
@ApplicationScoped
public class AnalyticsService {

    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    /**
     * Every figure in one statement, so one round trip and one consistent snapshot. The visibility check
     * is part of it: no row means the session does not exist or the caller may not see it (both 404).
     * ? 1 now, 2 the token_issued type, 3 session id, 4 operator, 5 caller.
     */
    private static final String FIGURES = """
            select s.session_id, s.status, s.ended_at,
                   c.connections, c.users, c.open, c.seconds, c.first_at,
                   peak.concurrent, st.streams, st.screens, tk.tokens,
                   r.recordings, r.recorded, b.broadcasts,
                   q.samples, q.rtt, q.loss, q.worst_loss, q.video, q.audio
            from video_session s
            cross join lateral (
                select count(*) as connections, count(distinct user_id) as users,
                       count(*) filter (where disconnected_at is null) as open,
                       coalesce(sum(extract(epoch from (coalesce(disconnected_at, ?) - connected_at))), 0) as seconds,
                       min(connected_at) as first_at
                from session_connection where session_pk = s.id) c
            cross join lateral (
                select coalesce(max(running), 0) as concurrent from (
                    select sum(delta) over (order by at, delta rows unbounded preceding) as running from (
                        select connected_at as at, 1 as delta from session_connection where session_pk = s.id
                        union all
                        select disconnected_at, -1 from session_connection
                        where session_pk = s.id and disconnected_at is not null) changes) timeline) peak
            cross join lateral (
                select count(*) as streams, count(*) filter (where video_type = 'screen') as screens
                from session_stream where session_pk = s.id) st
            cross join lateral (
                select count(*) as tokens from session_event where session_pk = s.id and type = ?) tk
            cross join lateral (
                select count(*) as recordings, coalesce(sum(duration_seconds), 0) as recorded
                from recording where session_pk = s.id) r
            cross join lateral (select count(*) as broadcasts from broadcast where session_pk = s.id) b
            cross join lateral (
                select count(*) as samples, avg(round_trip_ms) as rtt, avg(packet_loss_percent) as loss,
                       max(packet_loss_percent) as worst_loss, avg(video_bitrate_kbps) as video,
                       avg(audio_bitrate_kbps) as audio
                from quality_sample where session_pk = s.id) q
            where s.session_id = ?
              and (? or exists (select 1 from session_participant p where p.session_pk = s.id and p.user_id = ?))
            """;

    private final DataSource dataSource;
    private final EntityManager em;
    private final SessionAccess access;
    private final EventLog events;
    private final Clock clock;

    AnalyticsService(DataSource dataSource, EntityManager em, SessionAccess access, EventLog events, Clock clock) {
        this.dataSource = dataSource;
        this.em = em;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    public AnalyticsView analytics(String sessionId, Caller caller) {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(FIGURES)) {
            query.setObject(1, Database.timestamp(now));
            query.setString(2, EventType.TOKEN_ISSUED.value());
            query.setString(3, sessionId);
            query.setBoolean(4, caller.isOperator());
            query.setString(5, caller.userId());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw ApiException.notFound("The session");
                }
                return view(row, now);
            }
        } catch (SQLException e) {
            throw new StoreException("Analytics", e);
        }
    }

    private static AnalyticsView view(ResultSet row, Instant now) throws SQLException {
        SessionStatus status = SessionStatus.of(row.getString(2));
        Instant endedAt = Database.instant(row, 3);
        Instant startedAt = Database.instant(row, 8);
        Instant end = endedAt != null ? endedAt : now;
        long duration = startedAt == null ? 0 : Math.max(0, Duration.between(startedAt, end).toSeconds());
        double connectedSeconds = row.getDouble(7);
        return new AnalyticsView(row.getString(1), status, startedAt, endedAt, duration, row.getLong(5),
                row.getLong(4), row.getLong(6), row.getLong(9), (long) Math.ceil(connectedSeconds / 60.0),
                row.getLong(10), row.getLong(11), row.getLong(12),
                new AnalyticsView.Recordings(row.getLong(13), row.getLong(14)),
                new AnalyticsView.Broadcasts(row.getLong(15)),
                new AnalyticsView.Quality(row.getLong(16), round(row, 17), round(row, 18), round(row, 19),
                        round(row, 20), round(row, 21)));
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

    private static Double round(ResultSet row, int column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : Math.round(value * 100.0) / 100.0;
    }
}
