package com.smarttelehealth.video.connection;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Connections and streams. Callbacks write them with upserts keyed by OpenTok's ids, so that a
 * destroyed report that comes before its created report, or a report delivered twice, or to two
 * replicas at once, still leaves one correct row.
 */
@ApplicationScoped
public class ConnectionRepository {

    private final EntityManager em;

    ConnectionRepository(EntityManager em) {
        this.em = em;
    }

    /** Records a connection as connected; fills in who it is if a destroyed report came first. */
    public void connected(long sessionPk, String connectionId, ConnectionData who, Instant connectedAt) {
        em.createNativeQuery("insert into session_connection (connection_id, session_pk, user_id, display_name, role,"
                + " connected_at) values (:id, :session, :user, :name, :role, :at)"
                + " on conflict (connection_id) do update set"
                + " user_id = coalesce(session_connection.user_id, excluded.user_id),"
                + " display_name = coalesce(session_connection.display_name, excluded.display_name),"
                + " role = coalesce(session_connection.role, excluded.role),"
                + " connected_at = least(session_connection.connected_at, excluded.connected_at)")
                .setParameter("id", connectionId).setParameter("session", sessionPk)
                .setParameter("user", who.userId()).setParameter("name", who.displayName()).setParameter("role", who.role())
                .setParameter("at", connectedAt)
                .executeUpdate();
    }

    /** Records a connection as gone, creating it whole when its created report has not come yet. */
    public void disconnected(long sessionPk, String connectionId, ConnectionData who, Instant connectedAt,
            Instant disconnectedAt, String reason) {
        Instant end = disconnectedAt.isBefore(connectedAt) ? connectedAt : disconnectedAt;
        em.createNativeQuery("insert into session_connection (connection_id, session_pk, user_id, display_name, role,"
                + " connected_at, disconnected_at, disconnect_reason) values (:id, :session, :user, :name, :role, :at,"
                + " :end, :reason)"
                + " on conflict (connection_id) do update set"
                + " user_id = coalesce(session_connection.user_id, excluded.user_id),"
                + " display_name = coalesce(session_connection.display_name, excluded.display_name),"
                + " role = coalesce(session_connection.role, excluded.role),"
                + " disconnected_at = coalesce(session_connection.disconnected_at,"
                + "   greatest(excluded.disconnected_at, session_connection.connected_at)),"
                + " disconnect_reason = coalesce(session_connection.disconnect_reason, excluded.disconnect_reason)")
                .setParameter("id", connectionId).setParameter("session", sessionPk)
                .setParameter("user", who.userId()).setParameter("name", who.displayName()).setParameter("role", who.role())
                .setParameter("at", connectedAt).setParameter("end", end).setParameter("reason", reason)
                .executeUpdate();
    }

    public void streamCreated(long sessionPk, String streamId, String connectionId, String videoType, String name,
            Instant createdAt) {
        em.createNativeQuery("insert into session_stream (stream_id, session_pk, connection_id, video_type, name, created_at)"
                + " values (:id, :session, :connection, :type, :name, :at)"
                + " on conflict (stream_id) do update set created_at = least(session_stream.created_at, excluded.created_at)")
                .setParameter("id", streamId).setParameter("session", sessionPk).setParameter("connection", connectionId)
                .setParameter("type", videoType).setParameter("name", name).setParameter("at", createdAt)
                .executeUpdate();
    }

    public void streamDestroyed(long sessionPk, String streamId, String connectionId, String videoType, String name,
            Instant createdAt, Instant destroyedAt) {
        em.createNativeQuery("insert into session_stream (stream_id, session_pk, connection_id, video_type, name, created_at,"
                + " destroyed_at) values (:id, :session, :connection, :type, :name, :at, :end)"
                + " on conflict (stream_id) do update set"
                + " destroyed_at = coalesce(session_stream.destroyed_at, excluded.destroyed_at)")
                .setParameter("id", streamId).setParameter("session", sessionPk).setParameter("connection", connectionId)
                .setParameter("type", videoType).setParameter("name", name).setParameter("at", createdAt)
                .setParameter("end", destroyedAt.isBefore(createdAt) ? createdAt : destroyedAt)
                .executeUpdate();
    }

    public List<LiveConnection> open(long sessionPk) {
        return em.createQuery("select c from LiveConnection c where c.sessionPk = :s and c.disconnectedAt is null"
                + " order by c.connectedAt, c.id", LiveConnection.class).setParameter("s", sessionPk).getResultList();
    }

    public List<LiveConnection> openOf(long sessionPk, String userId) {
        return em.createQuery("select c from LiveConnection c where c.sessionPk = :s and c.userId = :u"
                + " and c.disconnectedAt is null", LiveConnection.class)
                .setParameter("s", sessionPk).setParameter("u", userId).getResultList();
    }

    public List<LiveStream> liveStreams(long sessionPk) {
        return em.createQuery("select s from LiveStream s where s.sessionPk = :s and s.destroyedAt is null"
                + " order by s.createdAt, s.id", LiveStream.class).setParameter("s", sessionPk).getResultList();
    }

    public long countOpen() {
        return ((Number) em.createNativeQuery("select count(*) from session_connection where disconnected_at is null")
                .getSingleResult()).longValue();
    }
}
