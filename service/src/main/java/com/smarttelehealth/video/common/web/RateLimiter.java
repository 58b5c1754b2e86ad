package com.smarttelehealth.video.common.web;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/**
 * Per-caller limits on expensive actions: a token bucket per (action, user) holding a minute's
 * allowance, refilled continuously. Over the limit answers 429 {@code rate-limited} with
 * {@code Retry-After}. Limits are per replica: with N replicas a caller gets at most N times the
 * allowance, which still stops a runaway client.
 */
@ApplicationScoped
public class RateLimiter {

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Takes one from the caller's allowance for {@code action}, or throws 429. */
    public void acquire(String action, String userId, int perMinute) {
        if (perMinute <= 0) {
            return;
        }
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(action + '\u0000' + userId, k -> new Bucket(perMinute, now));
        long waitMillis = bucket.take(perMinute, now);
        if (waitMillis > 0) {
            throw new RetryableException(ProblemType.RATE_LIMITED,
                    "Too many requests: at most " + perMinute + " a minute. Try again shortly.",
                    (waitMillis + 999) / 1000, null);
        }
    }

    /** Forgets callers whose allowance is full again, so the map does not grow without bound. */
    @Scheduled(every = "5m")
    void evictIdle() {
        long now = clock.millis();
        buckets.entrySet().removeIf(entry -> entry.getValue().idleSince(now) > 120_000);
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(int perMinute, long now) {
            this.tokens = perMinute;
            this.updatedAt = now;
        }

        /** Answers 0 when a token was taken, else how long until one is there. */
        synchronized long take(int perMinute, long now) {
            double ratePerMilli = perMinute / 60_000.0;
            tokens = Math.min(perMinute, tokens + (now - updatedAt) * ratePerMilli);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / ratePerMilli);
        }

        synchronized long idleSince(long now) {
            return now - updatedAt;
        }
    }
}
