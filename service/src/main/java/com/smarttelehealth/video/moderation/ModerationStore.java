package com.smarttelehealth.video.moderation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventType;

/** What moderation keeps: the event of each action the provider accepted. It has no table of its own. */
@ApplicationScoped
public class ModerationStore {

    private final EventStore events;

    ModerationStore(EventStore events) {
        this.events = events;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void disconnected(long sessionPk, String connectionId, String actorId) {
        events.entry(sessionPk, EventType.CONNECTION_DISCONNECTED, actorId).connection(connectionId).record();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void mutedAll(long sessionPk, List<String> excludedStreamIds, String actorId) {
        events.entry(sessionPk, EventType.SESSION_MUTED, actorId).detail("scope", "all")
                .detail("excludedStreamIds", excludedStreamIds).record();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void mutedStream(long sessionPk, String streamId, String actorId) {
        events.entry(sessionPk, EventType.SESSION_MUTED, actorId).detail("scope", "stream").stream(streamId).record();
    }
}
