package com.smarttelehealth.video.event;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.common.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class EventRepository implements PanacheRepository<SessionEvent> {

    /** A page of the events of every session linked to a chat room, oldest first, each with its session's id. */
    public List<Object[]> chatRoomPage(String chatRoomId, EventType type, PageRequest page) {
        var query = getEntityManager().createQuery("select e, s.sessionId from SessionEvent e, VideoSession s"
                + " where e.sessionPk = s.id and s.chatRoomId = :room" + (type == null ? "" : " and e.type = :type")
                + " order by e.occurredAt, e.id", Object[].class)
                .setParameter("room", chatRoomId)
                .setFirstResult(page.offset()).setMaxResults(page.size());
        if (type != null) {
            query.setParameter("type", type);
        }
        return query.getResultList();
    }

    public long chatRoomCount(String chatRoomId, EventType type) {
        var query = getEntityManager().createQuery("select count(e) from SessionEvent e, VideoSession s"
                + " where e.sessionPk = s.id and s.chatRoomId = :room" + (type == null ? "" : " and e.type = :type"),
                Long.class).setParameter("room", chatRoomId);
        if (type != null) {
            query.setParameter("type", type);
        }
        return query.getSingleResult();
    }

    /** Whether the user takes part in any session linked to the chat room. */
    public boolean takesPartInChatRoom(String chatRoomId, String userId) {
        return !getEntityManager().createQuery("select p.id from Participant p where p.session.chatRoomId = :room"
                + " and p.userId = :user", Long.class)
                .setParameter("room", chatRoomId).setParameter("user", userId).setMaxResults(1).getResultList().isEmpty();
    }
}
