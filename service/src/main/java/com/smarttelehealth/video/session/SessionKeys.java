package com.smarttelehealth.video.session;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Our key of a session, by its OpenTok session id: what every callback looks up first. The pair
 * never changes once the session exists (sessions are ended, never deleted or re-keyed), so a found
 * key is kept in memory and every replica may keep its own copy. An unknown id is not kept: the
 * session may be created a moment later. At most {@link #MAX_KEPT} keys are kept; past that the least useful go
 * one by one (Caffeine's size eviction), so a replica with many sessions never drops every key at once.
 */
@ApplicationScoped
public class SessionKeys {

    static final int MAX_KEPT = 50_000;

    private final Cache<String, Long> kept = Caffeine.newBuilder().maximumSize(MAX_KEPT).build();
    private final SessionStore sessions;

    SessionKeys(SessionStore sessions) {
        this.sessions = sessions;
    }

    public Optional<Long> pkOf(String sessionId) {
        Long pk = kept.getIfPresent(sessionId);
        if (pk != null) {
            return Optional.of(pk);
        }
        Optional<Long> found = sessions.pkOf(sessionId);
        found.ifPresent(key -> kept.put(sessionId, key));
        return found;
    }
}
