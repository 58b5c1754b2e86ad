package com.smarttelehealth.video.token;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.common.Database;
import com.smarttelehealth.video.common.ReactivePool;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.plan.Plan;
import com.smarttelehealth.video.plan.UsagePeriod;
import com.smarttelehealth.video.session.ParticipantRole;
import com.smarttelehealth.video.session.SessionStatus;
import com.smarttelehealth.video.session.SessionType;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The database side of token issuance, the service's hottest path, on the {@link ReactivePool}: one
 * statement reads everything the decision needs (the caller's participation, its session, the caller's
 * plan and, for a basic plan, this month's seconds used), and one auto-committed insert logs the
 * {@code token_issued} event. Two round trips, on the I/O thread, with no entity bookkeeping for rows
 * that are only read once.
 */
@ApplicationScoped
class TokenGrants {

    // $1 session id, $2 user id, and for the minute meter ($3, $4) the month and $5 now
    private static final String FACTS = """
            select s.id, s.session_id, s.status, s.type, s.window_starts_at, s.window_ends_at, p.role,
                   p.display_name, e.plan, e.monthly_minutes,
                   case when e.plan = 'basic' then video_seconds_used(p.user_id, $3, $4, $5) end as seconds_used
            from session_participant p
            join video_session s on s.id = p.session_pk
            left join entitlement e on e.user_id = p.user_id
            where s.session_id = $1 and p.user_id = $2
            """;

    // $6 is text: a parameter typed jsonb would take the Java string as one JSON string value
    private static final String ISSUED = "insert into session_event (event_id, session_pk, type, occurred_at,"
            + " actor_id, details) values ($1, $2, $3, $4, $5, cast($6::text as jsonb))";

    /**
     * A participation and what the token checks read of it. {@code plan} is null when the user has none;
     * {@code secondsUsed} (this month's) is read for a basic plan only.
     */
    record Facts(long sessionPk, String sessionId, SessionStatus status, SessionType type, Instant windowStartsAt,
            Instant windowEndsAt, String userId, ParticipantRole role, String displayName, Plan plan,
            Integer monthlyMinutes, Long secondsUsed) {

        boolean isActive() {
            return status == SessionStatus.ACTIVE;
        }

        boolean hasWindow() {
            return windowStartsAt != null && windowEndsAt != null;
        }
    }

    private final ReactivePool pool;
    private final ObjectMapper json;

    TokenGrants(ReactivePool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** The caller's participation in the session as of {@code now}; empty when there is none. */
    Uni<Optional<Facts>> facts(String sessionId, String userId, Instant now) {
        UsagePeriod month = UsagePeriod.of(now);
        Tuple arguments = Tuple.of(sessionId, userId, Database.timestamp(month.start()),
                Database.timestamp(month.end()), Database.timestamp(now));
        return pool.query("Token store", FACTS, arguments)
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(facts(rows.iterator().next(), userId)));
    }

    private static Facts facts(Row row, String userId) {
        String plan = row.getString("plan");
        return new Facts(row.getLong("id"), row.getString("session_id"), SessionStatus.of(row.getString("status")),
                SessionType.of(row.getString("type")), Database.instant(row.getOffsetDateTime("window_starts_at")),
                Database.instant(row.getOffsetDateTime("window_ends_at")), userId,
                ParticipantRole.of(row.getString("role")), row.getString("display_name"),
                plan == null ? null : Plan.of(plan), row.getInteger("monthly_minutes"), row.getLong("seconds_used"));
    }

    Uni<Void> recordIssued(Facts facts, String actorId, Instant at, Map<String, Object> details) {
        String detailsJson;
        try {
            detailsJson = json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Event details could not be written", e));
        }
        Tuple arguments = Tuple.of(UUID.randomUUID(), facts.sessionPk(), EventType.TOKEN_ISSUED.value(),
                Database.timestamp(at), actorId, detailsJson);
        return pool.query("Token store", ISSUED, arguments).replaceWithVoid();
    }
}
