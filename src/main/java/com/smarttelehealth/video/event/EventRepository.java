package com.smarttelehealth.video.event;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.common.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class EventRepository implements PanacheRepository<SessionEvent> {

    /** A session's events, oldest first, optionally of one type. Served by the (session_pk[, type], occurred_at, id) indexes. */
    public List<SessionEvent> page(long sessionPk, EventType type, PageRequest page) {
        Sort order = Sort.by("occurredAt").and("id");
        var query = type == null
                ? find("sessionPk = :session", order, Parameters.with("session", sessionPk))
                : find("sessionPk = :session and type = :type", order,
                        Parameters.with("session", sessionPk).and("type", type));
        return query.page(Page.of(page.page(), page.size())).list();
    }

    public long count(long sessionPk, EventType type) {
        return type == null
                ? count("sessionPk", sessionPk)
                : count("sessionPk = ?1 and type = ?2", sessionPk, type);
    }

    public long countOfType(long sessionPk, EventType type) {
        return count("sessionPk = ?1 and type = ?2", sessionPk, type);
    }
}
