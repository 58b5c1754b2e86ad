package com.smarttelehealth.video.event;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Writes a session's events, in the caller's transaction, so that an action and its event land together. */
@ApplicationScoped
public class EventLog {

    private final EntityManager entityManager;
    private final Clock clock;

    EventLog(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    public Entry entry(long sessionPk, EventType type, String actorId) {
        return new Entry(sessionPk, type, actorId);
    }

    /** An event being written; {@link #record()} persists it. */
    public final class Entry {
        private final SessionEvent event = new SessionEvent();

        private Entry(long sessionPk, EventType type, String actorId) {
            event.eventId = UUID.randomUUID();
            event.sessionPk = sessionPk;
            event.type = type;
            event.actorId = actorId;
            event.occurredAt = clock.instant();
            event.details = new LinkedHashMap<>();
        }

        public Entry at(Instant occurredAt) {
            event.occurredAt = occurredAt;
            return this;
        }

        public Entry connection(String connectionId) {
            event.connectionId = connectionId;
            return this;
        }

        public Entry stream(String streamId) {
            event.streamId = streamId;
            return this;
        }

        public Entry recording(String recordingId) {
            event.recordingId = recordingId;
            return this;
        }

        public Entry broadcast(String broadcastId) {
            event.broadcastId = broadcastId;
            return this;
        }

        public Entry detail(String key, Object value) {
            if (value != null) {
                event.details.put(key, value);
            }
            return this;
        }

        public Entry details(Map<String, Object> details) {
            details.forEach(this::detail);
            return this;
        }

        /** Persists the event in the current transaction, which must exist. */
        public SessionEvent record() {
            entityManager.persist(event);
            return event;
        }
    }
}
