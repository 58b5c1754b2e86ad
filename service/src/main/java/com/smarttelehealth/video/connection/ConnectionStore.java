package com.smarttelehealth.video.connection;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.smarttelehealth.video.common.persistence.Database;
import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventType;

import io.smallrye.mutiny.Uni;

/**
 * The store of live connections and streams ({@code session_connection}, {@code session_stream}).
 * <p>
 * OpenTok's connection and stream reports are each applied in one auto-committed statement on the I/O thread:
 * {@link EventStore#recordThen} writes the report's event once per type and OpenTok id, and only when it was
 * new does the same statement run the upsert given here. So a redelivery, or the same report at two replicas at
 * once, has one effect; a report for a session we do not know has none. The upserts merge reports that come
 * out of order: a destroyed report before its created report still leaves one correct row.
 * <p>
 * The reads (the live list, the gauge's count) are JPA queries.
 */
@ApplicationScoped
public class ConnectionStore {

    // each effect reads the session's key from the event store's "event"; its parameters start at $12, each cast
    private static final String CONNECTED = """
            insert into session_connection (connection_id, session_pk, user_id, display_name, role, connected_at)
            select $12::text, session_pk, $13::text, $14::text, $15::text, $16::timestamptz from event
            on conflict (connection_id) do update set
                user_id = coalesce(session_connection.user_id, excluded.user_id),
                display_name = coalesce(session_connection.display_name, excluded.display_name),
                role = coalesce(session_connection.role, excluded.role),
                connected_at = least(session_connection.connected_at, excluded.connected_at)
            """;

    private static final String DISCONNECTED = """
            insert into session_connection (connection_id, session_pk, user_id, display_name, role, connected_at,
                                            disconnected_at, disconnect_reason)
            select $12::text, session_pk, $13::text, $14::text, $15::text, $16::timestamptz, $17::timestamptz,
                   $18::text from event
            on conflict (connection_id) do update set
                user_id = coalesce(session_connection.user_id, excluded.user_id),
                display_name = coalesce(session_connection.display_name, excluded.display_name),
                role = coalesce(session_connection.role, excluded.role),
                disconnected_at = coalesce(session_connection.disconnected_at,
                                           greatest(excluded.disconnected_at, session_connection.connected_at)),
                disconnect_reason = coalesce(session_connection.disconnect_reason, excluded.disconnect_reason)
            """;

    private static final String STREAM_CREATED = """
            insert into session_stream (stream_id, session_pk, connection_id, video_type, name, created_at)
            select $12::text, session_pk, $13::text, $14::text, $15::text, $16::timestamptz from event
            on conflict (stream_id) do update set created_at = least(session_stream.created_at, excluded.created_at)
            """;

    private static final String STREAM_DESTROYED = """
            insert into session_stream (stream_id, session_pk, connection_id, video_type, name, created_at, destroyed_at)
            select $12::text, session_pk, $13::text, $14::text, $15::text, $16::timestamptz, $17::timestamptz
            from event
            on conflict (stream_id) do update set
                destroyed_at = coalesce(session_stream.destroyed_at, excluded.destroyed_at)
            """;

    private final EventStore events;
    private final EntityManager em;

    ConnectionStore(EventStore events, EntityManager em) {
        this.events = events;
        this.em = em;
    }

    /** A connection was made; answers what it did. */
    public Uni<EventStore.Applied> connected(String sessionId, String connectionId, ConnectionData who, Instant connectedAt,
            String reason) {
        return events.recordThen(sessionId, events.entry(EventType.CONNECTION_CREATED, who.userId(), connectedAt)
                .connection(connectionId).detail("userId", who.userId()).detail("role", who.role())
                .detail("reason", reason).once(EventStore.onceKey(EventType.CONNECTION_CREATED, connectionId)), CONNECTED,
                connectionId, who.userId(), who.displayName(), who.role(), Database.timestamp(connectedAt));
    }

    /** A connection ended; answers what it did. */
    public Uni<EventStore.Applied> disconnected(String sessionId, String connectionId, ConnectionData who, Instant connectedAt,
            Instant disconnectedAt, String reason) {
        Instant end = disconnectedAt.isBefore(connectedAt) ? connectedAt : disconnectedAt;
        return events.recordThen(sessionId, events.entry(EventType.CONNECTION_DESTROYED, who.userId(), disconnectedAt)
                .connection(connectionId).detail("userId", who.userId()).detail("role", who.role())
                .detail("reason", reason).once(EventStore.onceKey(EventType.CONNECTION_DESTROYED, connectionId)),
                DISCONNECTED,
                connectionId, who.userId(), who.displayName(), who.role(), Database.timestamp(connectedAt),
                Database.timestamp(end), reason);
    }

    /** A stream was published; answers what it did. */
    public Uni<EventStore.Applied> streamCreated(String sessionId, String streamId, String connectionId, String videoType, String name,
            Instant createdAt, String reason) {
        return events.recordThen(sessionId, events.entry(EventType.STREAM_CREATED, null, createdAt).connection(connectionId)
                .stream(streamId).detail("videoType", videoType).detail("reason", reason)
                .once(EventStore.onceKey(EventType.STREAM_CREATED, streamId)), STREAM_CREATED,
                streamId, connectionId, videoType, name, Database.timestamp(createdAt));
    }

    /** A stream ended; answers what it did. */
    public Uni<EventStore.Applied> streamDestroyed(String sessionId, String streamId, String connectionId, String videoType, String name,
            Instant createdAt, Instant destroyedAt, String reason) {
        Instant end = destroyedAt.isBefore(createdAt) ? createdAt : destroyedAt;
        return events.recordThen(sessionId, events.entry(EventType.STREAM_DESTROYED, null, destroyedAt).connection(connectionId)
                .stream(streamId).detail("videoType", videoType).detail("reason", reason)
                .once(EventStore.onceKey(EventType.STREAM_DESTROYED, streamId)), STREAM_DESTROYED,
                streamId, connectionId, videoType, name, Database.timestamp(createdAt), Database.timestamp(end));
    }

    private List<LiveConnection> open(long sessionPk) {
        return em.createQuery("select c from LiveConnection c where c.sessionPk = :s and c.disconnectedAt is null"
                + " order by c.connectedAt, c.id", LiveConnection.class).setParameter("s", sessionPk).getResultList();
    }

    /** The session's live connections, each with its live streams. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ConnectionView> live(long sessionPk) {
        List<LiveStream> streams = em.createQuery("select s from LiveStream s where s.sessionPk = :s"
                + " and s.destroyedAt is null order by s.createdAt, s.id", LiveStream.class)
                .setParameter("s", sessionPk).getResultList();
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
        return em.createQuery("select count(c) from LiveConnection c where c.disconnectedAt is null", Long.class)
                .getSingleResult();
    }
}
