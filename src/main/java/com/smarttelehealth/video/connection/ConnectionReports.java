package com.smarttelehealth.video.connection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.common.Database;
import com.smarttelehealth.video.common.StoreException;
import com.smarttelehealth.video.event.EventLog;
import com.smarttelehealth.video.event.EventType;

/**
 * OpenTok's connection and stream reports, each applied in one auto-committed statement: the
 * report's event is inserted once per type and OpenTok id ({@code on conflict (dedup_key) do
 * nothing}), and only when it was new does the same statement upsert the connection or stream. So a
 * redelivery, or the same report at two replicas at once, has one effect, and each report costs one
 * round trip instead of a transaction's three (event, upsert, commit). The upserts merge reports that
 * come out of order: a destroyed report before its created report still leaves one correct row.
 */
@ApplicationScoped
public class ConnectionReports {

    private static final String EVENT = """
            with event as (
                insert into session_event (event_id, session_pk, type, occurred_at, actor_id, connection_id,
                                           stream_id, details, dedup_key)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)
                on conflict (dedup_key) do nothing
                returning session_pk)
            """;
    private static final int EVENT_PARAMETERS = 9;

    private static final String CONNECTED = EVENT + """
            insert into session_connection (connection_id, session_pk, user_id, display_name, role, connected_at)
            select ?, session_pk, ?, ?, ?, ? from event
            on conflict (connection_id) do update set
                user_id = coalesce(session_connection.user_id, excluded.user_id),
                display_name = coalesce(session_connection.display_name, excluded.display_name),
                role = coalesce(session_connection.role, excluded.role),
                connected_at = least(session_connection.connected_at, excluded.connected_at)
            """;

    private static final String DISCONNECTED = EVENT + """
            insert into session_connection (connection_id, session_pk, user_id, display_name, role, connected_at,
                                            disconnected_at, disconnect_reason)
            select ?, session_pk, ?, ?, ?, ?, ?, ? from event
            on conflict (connection_id) do update set
                user_id = coalesce(session_connection.user_id, excluded.user_id),
                display_name = coalesce(session_connection.display_name, excluded.display_name),
                role = coalesce(session_connection.role, excluded.role),
                disconnected_at = coalesce(session_connection.disconnected_at,
                                           greatest(excluded.disconnected_at, session_connection.connected_at)),
                disconnect_reason = coalesce(session_connection.disconnect_reason, excluded.disconnect_reason)
            """;

    private static final String STREAM_CREATED = EVENT + """
            insert into session_stream (stream_id, session_pk, connection_id, video_type, name, created_at)
            select ?, session_pk, ?, ?, ?, ? from event
            on conflict (stream_id) do update set created_at = least(session_stream.created_at, excluded.created_at)
            """;

    private static final String STREAM_DESTROYED = EVENT + """
            insert into session_stream (stream_id, session_pk, connection_id, video_type, name, created_at, destroyed_at)
            select ?, session_pk, ?, ?, ?, ?, ? from event
            on conflict (stream_id) do update set
                destroyed_at = coalesce(session_stream.destroyed_at, excluded.destroyed_at)
            """;

    private final DataSource dataSource;
    private final ObjectMapper json;

    ConnectionReports(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** A connection was made; answers whether this report was new. */
    public boolean connected(long sessionPk, String connectionId, ConnectionData who, Instant connectedAt,
            String reason) {
        return write(CONNECTED, new Event(sessionPk, EventType.CONNECTION_CREATED, connectedAt, who.userId(),
                connectionId, null, details("userId", who.userId(), "role", who.role(), "reason", reason)),
                connectionId, who.userId(), who.displayName(), who.role(), Database.timestamp(connectedAt));
    }

    /** A connection ended; answers whether this report was new. */
    public boolean disconnected(long sessionPk, String connectionId, ConnectionData who, Instant connectedAt,
            Instant disconnectedAt, String reason) {
        Instant end = disconnectedAt.isBefore(connectedAt) ? connectedAt : disconnectedAt;
        return write(DISCONNECTED, new Event(sessionPk, EventType.CONNECTION_DESTROYED, disconnectedAt, who.userId(),
                connectionId, null, details("userId", who.userId(), "role", who.role(), "reason", reason)),
                connectionId, who.userId(), who.displayName(), who.role(), Database.timestamp(connectedAt),
                Database.timestamp(end), reason);
    }

    /** A stream was published; answers whether this report was new. */
    public boolean streamCreated(long sessionPk, String streamId, String connectionId, String videoType, String name,
            Instant createdAt, String reason) {
        return write(STREAM_CREATED, new Event(sessionPk, EventType.STREAM_CREATED, createdAt, null, connectionId,
                streamId, details("videoType", videoType, "reason", reason)),
                streamId, connectionId, videoType, name, Database.timestamp(createdAt));
    }

    /** A stream ended; answers whether this report was new. */
    public boolean streamDestroyed(long sessionPk, String streamId, String connectionId, String videoType, String name,
            Instant createdAt, Instant destroyedAt, String reason) {
        Instant end = destroyedAt.isBefore(createdAt) ? createdAt : destroyedAt;
        return write(STREAM_DESTROYED, new Event(sessionPk, EventType.STREAM_DESTROYED, destroyedAt, null, connectionId,
                streamId, details("videoType", videoType, "reason", reason)),
                streamId, connectionId, videoType, name, Database.timestamp(createdAt), Database.timestamp(end));
    }

    private record Event(long sessionPk, EventType type, Instant at, String actorId, String connectionId,
            String streamId, Map<String, Object> details) {
    }

    private boolean write(String sql, Event event, Object... effect) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.randomUUID());
            statement.setLong(2, event.sessionPk());
            statement.setString(3, event.type().value());
            statement.setObject(4, Database.timestamp(event.at()));
            statement.setString(5, event.actorId());
            statement.setString(6, event.connectionId());
            statement.setString(7, event.streamId());
            statement.setString(8, json.writeValueAsString(event.details()));
            statement.setString(9, EventLog.onceKey(event.type(), event.streamId() != null ? event.streamId()
                    : event.connectionId()));
            for (int i = 0; i < effect.length; i++) {
                if (effect[i] instanceof String || effect[i] == null) {
                    statement.setString(EVENT_PARAMETERS + 1 + i, (String) effect[i]);
                } else {
                    statement.setObject(EVENT_PARAMETERS + 1 + i, effect[i]);
                }
            }
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("Connection reports", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event details could not be written", e);
        }
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
