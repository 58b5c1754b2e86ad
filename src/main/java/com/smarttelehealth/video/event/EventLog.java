package com.smarttelehealth.video.event;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes a session's events, in the caller's transaction, so that an action and its event land together. */
@ApplicationScoped
public class EventLog {

    private final EntityManager entityManager;
    private final Clock clock;
    private final ObjectMapper json;

    EventLog(EntityManager entityManager, Clock clock, ObjectMapper json) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.json = json;
    }

    /** The key that makes an event happen once: one of each type per connection, stream, recording or broadcast. */
    public static String onceKey(EventType type, String id) {
        return type.value() + ":" + id;
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

        /** Makes the event happen at most once for this key, whoever records it first (API or callback, any replica). */
        public Entry once(String dedupKey) {
            event.dedupKey = dedupKey;
            return this;
        }

        /**
         * Writes the event in the current transaction, which must exist. With a {@link #once} key it
         * answers false, writing nothing, when the event was already written.
         */
        public boolean record() {
            if (event.dedupKey == null) {
                entityManager.persist(event);
                return true;
            }
            String details;
            try {
                details = json.writeValueAsString(event.details);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Event details could not be written", e);
            }
            int inserted = entityManager.createNativeQuery("insert into session_event (event_id, session_pk, type,"
                    + " occurred_at, actor_id, connection_id, stream_id, recording_id, broadcast_id, details, dedup_key)"
                    + " values (:eventId, :sessionPk, :type, :occurredAt, :actorId, :connectionId, :streamId,"
                    + " :recordingId, :broadcastId, cast(:details as jsonb), :dedupKey)"
                    + " on conflict (dedup_key) do nothing")
                    .setParameter("eventId", event.eventId)
                    .setParameter("sessionPk", event.sessionPk)
                    .setParameter("type", event.type.value())
                    .setParameter("occurredAt", event.occurredAt)
                    .setParameter("actorId", event.actorId)
                    .setParameter("connectionId", event.connectionId)
                    .setParameter("streamId", event.streamId)
                    .setParameter("recordingId", event.recordingId)
                    .setParameter("broadcastId", event.broadcastId)
                    .setParameter("details", details)
                    .setParameter("dedupKey", event.dedupKey)
                    .executeUpdate();
            return inserted == 1;
        }
    }
}
