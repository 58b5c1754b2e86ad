package com.smarttelehealth.video.connection;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.common.Database;
import com.smarttelehealth.video.common.ReactivePool;
import com.smarttelehealth.video.event.EventLog;
import com.smarttelehealth.video.event.EventType;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * OpenTok's connection and stream reports, each applied in one auto-committed statement on the
 * {@link ReactivePool}: the session is found by its OpenTok id, the report's event is inserted once per
 * type and OpenTok id ({@code on conflict (dedup_key) do nothing}), and only when it was new does the
 * same statement upsert the connection or stream. So a redelivery, or the same report at two replicas
 * at once, has one effect; a report for a session we do not know has none; and each report costs one
 * round trip on the I/O thread. The upserts merge reports that come out of order: a destroyed report
 * before its created report still leaves one correct row.
 */
@ApplicationScoped
public class ConnectionReports {

    // $1 event id, $2 OpenTok session id, $3 type, $4 at, $5 actor, $6 connection, $7 stream, $8 details,
    // $9 dedup key; the effect (an upsert) follows with its parameters from $10. Each is cast: in a select list, PostgreSQL
    // would otherwise take a parameter as text.
    private static final String EVENT = """
            with target as (select id from video_session where session_id = $2),
            event as (
                insert into session_event (event_id, session_pk, type, occurred_at, actor_id, connection_id,
                                           stream_id, details, dedup_key)
                select $1::uuid, id, $3::text, $4::timestamptz, $5::text, $6::text, $7::text, $8::text::jsonb,
                       $9::text
                from target
                on conflict (dedup_key) do nothing
                returning session_pk),
            effect as (
            """;
    // closes the effect: whether the session is ours, and whether this report changed anything
    private static final String OUTCOME = """
                returning 1)
            select exists (select 1 from target) as known, exists (select 1 from effect) as applied
            """;

    private static final String CONNECTED = EVENT + """
            insert into session_connection (connection_id, session_pk, user_id, display_name, role, connected_at)
            select $10::text, session_pk, $11::text, $12::text, $13::text, $14::timestamptz from event
            on conflict (connection_id) do update set
                user_id = coalesce(session_connection.user_id, excluded.user_id),
                display_name = coalesce(session_connection.display_name, excluded.display_name),
                role = coalesce(session_connection.role, excluded.role),
                connected_at = least(session_connection.connected_at, excluded.connected_at)
            """ + OUTCOME;

    private static final String DISCONNECTED = EVENT + """
            insert into session_connection (connection_id, session_pk, user_id, display_name, role, connected_at,
                                            disconnected_at, disconnect_reason)
            select $10::text, session_pk, $11::text, $12::text, $13::text, $14::timestamptz, $15::timestamptz,
                   $16::text from event
            on conflict (connection_id) do update set
                user_id = coalesce(session_connection.user_id, excluded.user_id),
                display_name = coalesce(session_connection.display_name, excluded.display_name),
                role = coalesce(session_connection.role, excluded.role),
                disconnected_at = coalesce(session_connection.disconnected_at,
                                           greatest(excluded.disconnected_at, session_connection.connected_at)),
                disconnect_reason = coalesce(session_connection.disconnect_reason, excluded.disconnect_reason)
            """ + OUTCOME;

    private static final String STREAM_CREATED = EVENT + """
            insert into session_stream (stream_id, session_pk, connection_id, video_type, name, created_at)
            select $10::text, session_pk, $11::text, $12::text, $13::text, $14::timestamptz from event
            on conflict (stream_id) do update set created_at = least(session_stream.created_at, excluded.created_at)
            """ + OUTCOME;

    private static final String STREAM_DESTROYED = EVENT + """
            insert into session_stream (stream_id, session_pk, connection_id, video_type, name, created_at, destroyed_at)
            select $10::text, session_pk, $11::text, $12::text, $13::text, $14::timestamptz, $15::timestamptz
            from event
            on conflict (stream_id) do update set
                destroyed_at = coalesce(session_stream.destroyed_at, excluded.destroyed_at)
            """ + OUTCOME;

    /** What a report did. */
    public enum Report {
        /** New: its event and its effect are written. */
        APPLIED,
        /** Delivered before (by OpenTok again, or to another replica): nothing changed. */
        REPEATED,
        /** For a session that is not ours: nothing written. */
        UNKNOWN_SESSION
    }

    private final ReactivePool pool;
    private final ObjectMapper json;

    ConnectionReports(ReactivePool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** A connection was made; answers what it did. */
    public Uni<Report> connected(String sessionId, String connectionId, ConnectionData who, Instant connectedAt,
            String reason) {
        return write(CONNECTED, new Event(sessionId, EventType.CONNECTION_CREATED, connectedAt, who.userId(),
                connectionId, null, details("userId", who.userId(), "role", who.role(), "reason", reason)),
                connectionId, who.userId(), who.displayName(), who.role(), Database.timestamp(connectedAt));
    }

    /** A connection ended; answers what it did. */
    public Uni<Report> disconnected(String sessionId, String connectionId, ConnectionData who, Instant connectedAt,
            Instant disconnectedAt, String reason) {
        Instant end = disconnectedAt.isBefore(connectedAt) ? connectedAt : disconnectedAt;
        return write(DISCONNECTED, new Event(sessionId, EventType.CONNECTION_DESTROYED, disconnectedAt, who.userId(),
                connectionId, null, details("userId", who.userId(), "role", who.role(), "reason", reason)),
                connectionId, who.userId(), who.displayName(), who.role(), Database.timestamp(connectedAt),
                Database.timestamp(end), reason);
    }

    /** A stream was published; answers what it did. */
    public Uni<Report> streamCreated(String sessionId, String streamId, String connectionId, String videoType, String name,
            Instant createdAt, String reason) {
        return write(STREAM_CREATED, new Event(sessionId, EventType.STREAM_CREATED, createdAt, null, connectionId,
                streamId, details("videoType", videoType, "reason", reason)),
                streamId, connectionId, videoType, name, Database.timestamp(createdAt));
    }

    /** A stream ended; answers what it did. */
    public Uni<Report> streamDestroyed(String sessionId, String streamId, String connectionId, String videoType, String name,
            Instant createdAt, Instant destroyedAt, String reason) {
        Instant end = destroyedAt.isBefore(createdAt) ? createdAt : destroyedAt;
        return write(STREAM_DESTROYED, new Event(sessionId, EventType.STREAM_DESTROYED, destroyedAt, null, connectionId,
                streamId, details("videoType", videoType, "reason", reason)),
                streamId, connectionId, videoType, name, Database.timestamp(createdAt), Database.timestamp(end));
    }

    private record Event(String sessionId, EventType type, Instant at, String actorId, String connectionId,
            String streamId, Map<String, Object> details) {
    }

    private Uni<Report> write(String sql, Event event, Object... effect) {
        String details;
        try {
            details = json.writeValueAsString(event.details());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Event details could not be written", e));
        }
        Tuple arguments = Tuple.of(UUID.randomUUID(), event.sessionId(), event.type().value(),
                Database.timestamp(event.at()), event.actorId(), event.connectionId(), event.streamId(), details,
                EventLog.onceKey(event.type(), event.streamId() != null ? event.streamId() : event.connectionId()));
        for (Object value : effect) {
            arguments.addValue(value);
        }
        return pool.query("Connection reports", sql, arguments).map(rows -> {
            Row row = rows.iterator().next();
            return !row.getBoolean("known") ? Report.UNKNOWN_SESSION
                    : row.getBoolean("applied") ? Report.APPLIED : Report.REPEATED;
        });
    }

    /** Details from key, value pairs; a null value leaves its key out, as the event log does. */
    private static Map<String, Object> details(String... pairs) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                details.put(pairs[i], pairs[i + 1]);
            }
        }
        return details;
    }
}
