package com.smarttelehealth.video.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.common.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class SessionRepository implements PanacheRepository<VideoSession> {

    public Optional<VideoSession> findBySessionId(String sessionId) {
        return find("sessionId", sessionId).firstResultOptional();
    }

    public Optional<VideoSession> findActiveByConsultation(String consultationId) {
        return find("consultationId = ?1 and status = ?2", consultationId, SessionStatus.ACTIVE).firstResultOptional();
    }

    public Optional<VideoSession> findActiveByAppointment(String appointmentId) {
        return find("appointmentId = ?1 and status = ?2", appointmentId, SessionStatus.ACTIVE).firstResultOptional();
    }

    /** A page of sessions matching the filter; {@code participantUserId} limits it to that user's sessions. */
    public SessionPage search(SessionFilter filter, String participantUserId, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (participantUserId != null) {
            where.append(" and exists (select 1 from Participant p where p.session = s and p.userId = :userId)");
            params.put("userId", participantUserId);
        }
        if (filter.consultationId() != null) {
            where.append(" and s.consultationId = :consultationId");
            params.put("consultationId", filter.consultationId());
        }
        if (filter.appointmentId() != null) {
            where.append(" and s.appointmentId = :appointmentId");
            params.put("appointmentId", filter.appointmentId());
        }
        if (filter.chatRoomId() != null) {
            where.append(" and s.chatRoomId = :chatRoomId");
            params.put("chatRoomId", filter.chatRoomId());
        }
        if (filter.status() != null) {
            where.append(" and s.status = :status");
            params.put("status", filter.status());
        }
        var count = getEntityManager().createQuery("select count(s) from VideoSession s where " + where, Long.class);
        var query = getEntityManager()
                .createQuery("select s from VideoSession s where " + where + " order by s.createdAt desc, s.id desc",
                        VideoSession.class)
                .setFirstResult(page.offset())
                .setMaxResults(page.size());
        params.forEach((name, value) -> {
            count.setParameter(name, value);
            query.setParameter(name, value);
        });
        long total = count.getSingleResult();
        return new SessionPage(query.getResultList(), total);
    }

    public record SessionFilter(String consultationId, String appointmentId, String chatRoomId, SessionStatus status) {
    }

    public record SessionPage(List<VideoSession> sessions, long total) {
    }
}
