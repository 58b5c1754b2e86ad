package com.smarttelehealth.video.broadcast;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class BroadcastRepository implements PanacheRepository<Broadcast> {

    public Optional<Broadcast> findByBroadcastId(String broadcastId) {
        return find("broadcastId", broadcastId).firstResultOptional();
    }

    public List<Broadcast> findStarted(long sessionPk) {
        return list("sessionPk = ?1 and status = ?2", sessionPk, BroadcastStatus.STARTED);
    }

    public List<Broadcast> findBySession(long sessionPk) {
        return list("sessionPk", Sort.by("createdAt").and("id"), sessionPk);
    }
}
