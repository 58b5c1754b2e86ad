package com.smarttelehealth.video.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.VideoSession;

import io.smallrye.mutiny.Uni;

/** Per-session analytics and quality samples. Every figure comes from our own tables, in one indexed statement. */
@ApplicationScoped
public class AnalyticsService {

    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final AnalyticsStore store;
    private final SessionAccess access;
    private final Clock clock;

    AnalyticsService(AnalyticsStore store, SessionAccess access, Clock clock) {
        this.store = store;
        this.access = access;
        this.clock = clock;
    }

    /** Served on the I/O thread: one statement on the reactive pool. */
    public Uni<AnalyticsView> analytics(String sessionId, Caller caller) {
        return store.figures(sessionId, caller, clock.instant())
                .map(found -> found.orElseThrow(() -> ApiException.notFound("The session")));
    }

    public void report(String sessionId, QualityRequest sample, Caller caller) {
        if (!sample.hasAFigure()) {
            throw ApiException.validation("roundTripMs", "a sample needs at least one figure");
        }
        Instant now = clock.instant();
        Instant measuredAt = sample.measuredAt() == null ? now : sample.measuredAt();
        if (measuredAt.isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw ApiException.validation("measuredAt", "must not be in the future");
        }
        VideoSession session = access.visible(sessionId, caller);
        if (session.participant(caller.userId()).isEmpty()) {
            throw ApiException.forbidden("Only the session's participants report quality.");
        }
        store.saveSample(session.id, caller.userId(), sample, measuredAt);
    }
}
