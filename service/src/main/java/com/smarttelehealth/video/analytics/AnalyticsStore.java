package com.smarttelehealth.video.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.smarttelehealth.video.common.persistence.Database;
import com.smarttelehealth.video.common.persistence.Jdbc;
import com.smarttelehealth.video.common.persistence.ReactiveStatements;
import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.session.SessionStatus;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The analytics' store: the only class that writes {@code quality_sample}, and the one statement that reads
 * every figure of a session from the feature tables.
 */
@ApplicationScoped
public class AnalyticsStore {

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
                       coalesce(sum(extract(epoch from (coalesce(disconnected_at, $1) - connected_at))), 0) as seconds,
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
                select count(*) as tokens from session_event where session_pk = s.id and type = $2) tk
            cross join lateral (
                select count(*) as recordings, coalesce(sum(duration_seconds), 0) as recorded
                from recording where session_pk = s.id) r
            cross join lateral (select count(*) as broadcasts from broadcast where session_pk = s.id) b
            cross join lateral (
                select count(*) as samples, avg(round_trip_ms) as rtt, avg(packet_loss_percent) as loss,
                       max(packet_loss_percent) as worst_loss, avg(video_bitrate_kbps) as video,
                       avg(audio_bitrate_kbps) as audio
                from quality_sample where session_pk = s.id) q
            where s.session_id = $3 and session_visible_to(s.id, $4, $5)
            """;

    private final ReactiveStatements statements;
    private final Jdbc db;
    private final EventStore events;

    AnalyticsStore(ReactiveStatements statements, Jdbc db, EventStore events) {
        this.statements = statements;
        this.db = db;
        this.events = events;
    }

    /** The session's figures as of {@code now}; empty when it does not exist or the caller may not see it. */
    public Uni<Optional<AnalyticsView>> figures(String sessionId, Caller caller, Instant now) {
        Tuple arguments = Tuple.of(Database.timestamp(now), EventType.TOKEN_ISSUED.value(), sessionId,
                caller.isOperator(), caller.userId());
        return statements.run("Analytics", FIGURES, arguments).map(rows -> {
            return rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next(), now));
        });
    }

    /** A participant's quality sample, and its {@code quality_reported} event. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void saveSample(long sessionPk, String userId, QualityRequest sample, Instant measuredAt) {
        db.sql("insert into quality_sample (session_pk, user_id, connection_id, round_trip_ms,"
                + " packet_loss_percent, video_bitrate_kbps, audio_bitrate_kbps, measured_at)"
                + " values (:pk, :user, :connection, :rtt, :loss, :video, :audio, :at)")
                .bind("pk", sessionPk).bind("user", userId)
                .bind("connection", sample.connectionId()).bind("rtt", sample.roundTripMs())
                .bind("loss", sample.packetLossPercent()).bind("video", sample.videoBitrateKbps())
                .bind("audio", sample.audioBitrateKbps()).bind("at", measuredAt)
                .update();
        events.entry(sessionPk, EventType.QUALITY_REPORTED, userId).at(measuredAt)
                .connection(sample.connectionId()).detail("roundTripMs", sample.roundTripMs())
                .detail("packetLossPercent", sample.packetLossPercent()).record();
    }

    private static AnalyticsView view(Row row, Instant now) {
        SessionStatus status = SessionStatus.of(row.getString("status"));
        Instant endedAt = Database.instant(row.getOffsetDateTime("ended_at"));
        Instant startedAt = Database.instant(row.getOffsetDateTime("first_at"));
        Instant end = endedAt != null ? endedAt : now;
        long duration = startedAt == null ? 0 : Math.max(0, Duration.between(startedAt, end).toSeconds());
        double connectedSeconds = row.getDouble("seconds");
        return new AnalyticsView(row.getString("session_id"), status, startedAt, endedAt, duration,
                row.getLong("users"), row.getLong("connections"), row.getLong("open"), row.getLong("concurrent"),
                (long) Math.ceil(connectedSeconds / 60.0), row.getLong("streams"), row.getLong("screens"),
                row.getLong("tokens"),
                new AnalyticsView.Recordings(row.getLong("recordings"), row.getLong("recorded")),
                new AnalyticsView.Broadcasts(row.getLong("broadcasts")),
                new AnalyticsView.Quality(row.getLong("samples"), round(row, "rtt"), round(row, "loss"),
                        round(row, "worst_loss"), round(row, "video"), round(row, "audio")));
    }

    private static Double round(Row row, String column) {
        Double value = row.getDouble(column);
        return value == null ? null : Math.round(value * 100.0) / 100.0;
    }
}
