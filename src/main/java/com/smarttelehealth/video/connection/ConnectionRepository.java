package com.smarttelehealth.video.connection;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Reads of the live connections and streams; {@link ConnectionReports} writes them from callbacks. */
@ApplicationScoped
public class ConnectionRepository {

    private final EntityManager em;

    ConnectionRepository(EntityManager em) {
        this.em = em;
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
