package com.smarttelehealth.video.connection;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.smarttelehealth.video.common.persistence.Database;
import com.smarttelehealth.video.common.persistence.Jdbc;
import com.smarttelehealth.video.common.persistence.ReactiveStatements;
import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventType;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Tuple;

/**
 * The store of live connections and streams ({@code session_connection}, {@code session_stream}).
 * <p>
 * A provider's connection or stream report is applied on the I/O thread in two auto-committed statements: this
 * store's upsert, then the report's event through {@link EventStore#recordReport}, written once per type and
 * provider id. The upserts merge: a report applied twice, or two reports out of order (a destroyed before its
 * created), leave the one correct row. So the row comes first: should the event's statement fail after it, the
 * callback answers an error, the provider delivers it again, and the second delivery changes no row and writes the
 * event. A report for a session we do not know writes nothing. No SQL of this store runs in the event store's
 * statements, nor the other way round.
 * <p>
 * The reads (the live list, the gauge's count) are JPA queries.
 */
@ApplicationScoped
public class ConnectionStore {

    private static final String STORE = "Connection store";

    // $1 is the session's provider id: a session that is not ours selects no row, and nothing is written. Every
    // parameter is cast: in a select list PostgreSQL would take it as text.
    private static final String CONNECTED = """
            insert into session_connection (session_pk, connection_id, user_id, display_name, role, connected_at)
            select s.id, $2::text, $3::text, $4::text, $5::text, $6::timestamptz
            from video_session s where s.session_id = $1
            on conflict (connection_id) do update set
                user_id = coalesce(session_connection.user_id, excluded.user_id),
                display_name = coalesce(session_connection.display_name, excluded.display_name),
                role = coalesce(session_connection.role, excluded.role),
                connected_at = least(session_connection.connected_at, excluded.connected_at)
            """;

    private static final String DISCONNECTED = """
            insert into session_connection (session_pk, connection_id, user_id, display_name, role, connected_at,
                                            disconnected_at, disconnect_reason)
            select s.id, $2::text, $3::text, $4::text, $5::text, $6::timestamptz, $7::timestamptz, $8::text
            from video_session s where s.session_id = $1
            on conflict (connection_id) do update set
                user_id = coalesce(session_connection.user_id, excluded.user_id),
                display_name = coalesce(session_connection.display_name, excluded.display_name),
                role = coalesce(session_connection.role, excluded.role),
                disconnected_at = coalesce(session_connection.disconnected_at,
                                           greatest(excluded.disconnected_at, session_connection.connected_at)),
                disconnect_reason = coalesce(session_connection.disconnect_reason, excluded.disconnect_reason)
            """;

    private static final String STREAM_CREATED = """
            insert into session_stream (session_pk, stream_id, connection_id, video_type, name, created_at)
            select s.id, $2::text, $3::text, $4::text, $5::text, $6::timestamptz
            from video_session s where s.session_id = $1
            on conflict (stream_id) do update set created_at = least(session_stream.created_at, excluded.created_at)
            """;

    private static final String STREAM_DESTROYED = """
            insert into session_stream (session_pk, stream_id, connection_id, video_type, name, created_at,
                                        destroyed_at)
            select s.id, $2::text, $3::text, $4::text, $5::text, $6::timestamptz, $7::timestamptz
            from video_session s where s.session_id = $1
            on conflict (stream_id) do update set
                destroyed_at = coalesce(session_stream.destroyed_at, excluded.destroyed_at)
            """;

    private final EventStore events;
    private final ReactiveStatements statements;
    private final Jdbc db;

    ConnectionStore(EventStore events, ReactiveStatements statements, Jdbc db) {
        this.events = events;
        this.statements = statements;
        this.db = db;
    }

    /** This store's merge of a report, then the report's event, once. */
    private Uni<EventStore.Applied> apply(String sql, Tuple row, String sessionId, EventStore.Entry event) {
        return statements.run(STORE, sql, row).flatMap(merged -> events.recordReport(sessionId, event));
    }

    /** A connection was made; answers what it did. */
    public Uni<EventStore.Applied> connected(String sessionId, String connectionId, ConnectionData who, Instant connectedAt,
            String reason) {
        return apply(CONNECTED, Tuple.of(sessionId, connectionId, who.userId(), who.displayName(), who.role(),
                Database.timestamp(connectedAt)), sessionId,
                events.entry(EventType.CONNECTION_CREATED, who.userId(), connectedAt).connection(connectionId)
                        .detail("userId", who.userId()).detail("role", who.role()).detail("reason", reason)
                        .once(EventStore.onceKey(EventType.CONNECTION_CREATED, connectionId)));
    }

    /** A connection ended; answers what it did. */
    public Uni<EventStore.Applied> disconnected(String sessionId, String connectionId, ConnectionData who, Instant connectedAt,
            Instant disconnectedAt, String reason) {
        Instant end = disconnectedAt.isBefore(connectedAt) ? connectedAt : disconnectedAt;
        return apply(DISCONNECTED, Tuple.of(sessionId, connectionId, who.userId(), who.displayName(), who.role(),
                Database.timestamp(connectedAt)).addValue(Database.timestamp(end)).addString(reason), sessionId,
                events.entry(EventType.CONNECTION_DESTROYED, who.userId(), disconnectedAt).connection(connectionId)
                        .detail("userId", who.userId()).detail("role", who.role()).detail("reason", reason)
                        .once(EventStore.onceKey(EventType.CONNECTION_DESTROYED, connectionId)));
    }

    /** A stream was published; answers what it did. */
    public Uni<EventStore.Applied> streamCreated(String sessionId, String streamId, String connectionId, String videoType, String name,
            Instant createdAt, String reason) {
        return apply(STREAM_CREATED, Tuple.of(sessionId, streamId, connectionId, videoType, name,
                Database.timestamp(createdAt)), sessionId,
                events.entry(EventType.STREAM_CREATED, null, createdAt).connection(connectionId).stream(streamId)
                        .detail("videoType", videoType).detail("reason", reason)
                        .once(EventStore.onceKey(EventType.STREAM_CREATED, streamId)));
    }

    /** A stream ended; answers what it did. */
    public Uni<EventStore.Applied> streamDestroyed(String sessionId, String streamId, String connectionId, String videoType, String name,
            Instant createdAt, Instant destroyedAt, String reason) {
        Instant end = destroyedAt.isBefore(createdAt) ? createdAt : destroyedAt;
        return apply(STREAM_DESTROYED, Tuple.of(sessionId, streamId, connectionId, videoType, name,
                Database.timestamp(createdAt)).addValue(Database.timestamp(end)), sessionId,
                events.entry(EventType.STREAM_DESTROYED, null, destroyedAt).connection(connectionId).stream(streamId)
                        .detail("videoType", videoType).detail("reason", reason)
                        .once(EventStore.onceKey(EventType.STREAM_DESTROYED, streamId)));
    }

    private List<LiveConnection> open(long sessionPk) {
        return db.sql("select * from session_connection where session_pk = :s and disconnected_at is null"
                + " order by connected_at, id").bind("s", sessionPk).list(row -> {
                    LiveConnection connection = new LiveConnection();
                    connection.id = row.longValue("id");
                    connection.connectionId = row.string("connection_id");
                    connection.sessionPk = row.longValue("session_pk");
                    connection.userId = row.string("user_id");
                    connection.displayName = row.string("display_name");
                    connection.role = row.string("role");
                    connection.connectedAt = row.instant("connected_at");
                    connection.disconnectedAt = row.instant("disconnected_at");
                    connection.disconnectReason = row.string("disconnect_reason");
                    return connection;
                });
    }

    /** The session's live connections, each with its live streams. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ConnectionView> live(long sessionPk) {
        List<LiveStream> streams = db.sql("select * from session_stream where session_pk = :s"
                + " and destroyed_at is null order by created_at, id").bind("s", sessionPk).list(row -> {
                    LiveStream stream = new LiveStream();
                    stream.id = row.longValue("id");
                    stream.streamId = row.string("stream_id");
                    stream.sessionPk = row.longValue("session_pk");
                    stream.connectionId = row.string("connection_id");
                    stream.videoType = row.string("video_type");
                    stream.name = row.string("name");
                    stream.createdAt = row.instant("created_at");
                    stream.destroyedAt = row.instant("destroyed_at");
                    return stream;
                });
        return open(sessionPk).stream()
                .map(c -> new ConnectionView(c.connectionId, c.userId, c.displayName, c.role, c.connectedAt,
                        streams.stream().filter(s -> c.connectionId.equals(s.connectionId))
                                .map(s -> new ConnectionView.StreamView(s.streamId, s.videoType, s.createdAt))
                                .toList()))
                .toList();
    }

    /** Connections open in all sessions. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long countOpen() {
        return db.sql("select count(*) from session_connection where disconnected_at is null").one(Jdbc.Row::firstLong);
    }
}
