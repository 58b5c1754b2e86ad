package com.smarttelehealth.video.session;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;


/**
 * Our key of a session, by its OpenTok session id: what every callback looks up first. The pair
 * never changes once the session exists (sessions are ended, never deleted or re-keyed), so a found
 * key is kept in memory and every replica may keep its own copy. An unknown id is not kept: the
 * session may be created a moment later.
 */
@ApplicationScoped
public class SessionKeys {

    static final int MAX_KEPT = 50_000;

    private final Map<String, Long> kept = new ConcurrentHashMap<>();
    private final SessionStore sessions;

    SessionKeys(SessionStore sessions) {
        this.sessions = sessions;
    }

    public Optional<Long> pkOf(String sessionId) {
        Long pk = kept.get(sessionId);
        if (pk != null) {
            return Optional.of(pk);
        }
        Optional<Long> found = sessions.pkOf(sessionId);
        found.ifPresent(key -> {
            if (kept.size() >= MAX_KEPT) {
                kept.clear(); // crude but bounded: the keys are cheap to read again
            }
            kept.put(sessionId, key);
        });
        return found;
    }
}
