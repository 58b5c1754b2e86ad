package com.smarttelehealth.video.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An event as the API shows it. */
public record EventView(UUID eventId, String sessionId, EventType type, Instant occurredAt, String actorId,
        String connectionId, String streamId, String recordingId, String broadcastId, Map<String, Object> details) {
}
