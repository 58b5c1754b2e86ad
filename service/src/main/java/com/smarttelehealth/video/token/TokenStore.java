package com.smarttelehealth.video.token;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.common.persistence.Batcher;
import com.smarttelehealth.video.common.persistence.Database;
import com.smarttelehealth.video.common.persistence.ReactiveStatements;
import com.smarttelehealth.video.event.EventStore;
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
 * The token feature's store, for the service's hottest path, on the reactive pool: one
 * statement reads everything the decision needs (the caller's participation, its session, the caller's
 * plan and, for a basic plan, this month's seconds used), and one insert logs the {@code token_issued}
 * event (through {@link EventStore}). Two round trips, on the I/O thread, with no entity bookkeeping for rows that are only read once;
 * under load, concurrent requests share each of them ({@link Batcher}).
 */
@ApplicationScoped
class TokenStore {

    /**
     * One row per request that has a participation: the arrays $1..$5 hold each request's session id, user id,
     * and for the minute meter the month's bounds and the request's time; {@code i} is its place in them. The
     * lookup is a lateral subquery behind {@code offset 0}, so that each request is two index lookups whatever
     * the planner guesses of the arrays' length.
     */
    private static final String FACTS = """
            select k.i, f.*
            from unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[])
                 with ordinality as k(session_id, user_id, month_start, month_end, at, i)
            cross join lateral (
                select s.id, s.session_id, s.status, s.type, s.window_starts_at, s.window_ends_at, s.waiting_room,
                       p.role, p.display_name, w.status as admission, e.plan, e.monthly_minutes,
                       case when e.plan = 'basic'
                            then video_seconds_used(p.user_id, k.month_start, k.month_end, k.at) end as seconds_used
                from video_session s
                join session_participant p on p.session_pk = s.id and p.user_id = k.user_id
                left join waiting_room_entry w on w.participant_pk = p.id
                left join entitlement e on e.user_id = p.user_id
                where s.session_id = k.session_id
                offset 0) f
            """;

    /** Bounds one statement (128 rows are about 20 KB of parameters); tokens in flight at once are fewer. */
    private static final int MAX_ITEMS = 128;
    /**
     * Statements of each kind running at once; while one runs, the next requests gather into the next. On 2 cores
     * shared with PostgreSQL, two at once halved the batches and cost a quarter of the throughput.
     */
    private static final int MAX_IN_FLIGHT = 1;

    /**
     * A participation and what the token checks read of it. {@code plan} is null when the user has none;
     * {@code secondsUsed} (this month's) is read for a basic plan only.
     */
    record Facts(long sessionPk, String sessionId, SessionStatus status, SessionType type, Instant windowStartsAt,
            Instant windowEndsAt, boolean waitingRoom, String userId, ParticipantRole role, String displayName,
            boolean admitted, Plan plan, Integer monthlyMinutes, Long secondsUsed) {

        boolean isActive() {
            return status == SessionStatus.ACTIVE;
        }

        boolean hasWindow() {
            return windowStartsAt != null && windowEndsAt != null;
        }
    }

    /** What one request looks up. */
    private record Lookup(String sessionId, String userId, Instant at) {
    }

    private final ReactiveStatements statements;
    private final EventStore events;
    private final Batcher<Lookup, Optional<Facts>> lookups;
    private final Batcher<EventStore.Entry, Void> issued;

    TokenStore(ReactiveStatements statements, EventStore events) {
        this.statements = statements;
        this.events = events;
        this.lookups = new Batcher<>(this::lookUp, MAX_ITEMS, MAX_IN_FLIGHT);
        this.issued = Batcher.writes(events::recordAll, MAX_ITEMS, MAX_IN_FLIGHT);
    }

    /**
     * The caller's participation in the session as of {@code now}; empty when there is none. Read in one
     * statement with those of concurrent requests ({@link Batcher}).
     */
    Uni<Optional<Facts>> facts(String sessionId, String userId, Instant now) {
        return lookups.submit(new Lookup(sessionId, userId, now));
    }

    private Uni<List<Optional<Facts>>> lookUp(List<Lookup> batch) {
        int n = batch.size();
        String[] sessionIds = new String[n];
        String[] userIds = new String[n];
        OffsetDateTime[] monthStarts = new OffsetDateTime[n];
        OffsetDateTime[] monthEnds = new OffsetDateTime[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Lookup lookup = batch.get(i);
            UsagePeriod month = UsagePeriod.of(lookup.at());
            sessionIds[i] = lookup.sessionId();
            userIds[i] = lookup.userId();
            monthStarts[i] = Database.timestamp(month.start());
            monthEnds[i] = Database.timestamp(month.end());
            at[i] = Database.timestamp(lookup.at());
        }
        Tuple arguments = Tuple.of(sessionIds, userIds, monthStarts, monthEnds, at);
        return statements.run("Token store", FACTS, arguments).map(rows -> {
            List<Optional<Facts>> found = new ArrayList<>(Collections.nCopies(n, Optional.empty()));
            for (Row row : rows) {
                int i = (int) (row.getLong("i") - 1);
                found.set(i, Optional.of(facts(row, batch.get(i).userId())));
            }
            return found;
        });
    }

    private static Facts facts(Row row, String userId) {
        String plan = row.getString("plan");
        return new Facts(row.getLong("id"), row.getString("session_id"), SessionStatus.of(row.getString("status")),
                SessionType.of(row.getString("type")), Database.instant(row.getOffsetDateTime("window_starts_at")),
                Database.instant(row.getOffsetDateTime("window_ends_at")), row.getBoolean("waiting_room"), userId,
                ParticipantRole.of(row.getString("role")), row.getString("display_name"),
                "admitted".equals(row.getString("admission")), plan == null ? null : Plan.of(plan), row.getInteger("monthly_minutes"), row.getLong("seconds_used"));
    }

    /**
     * Logs the {@code token_issued} event; completes once it is committed. Concurrent tokens share the statement
     * and its commit ({@link Batcher}); the event store writes them.
     */
    Uni<Void> recordIssued(Facts facts, String actorId, Instant at, Map<String, Object> details) {
        EventStore.Entry event = events.entry(facts.sessionPk(), EventType.TOKEN_ISSUED, actorId).at(at);
        details.forEach(event::detail);
        return issued.submit(event);
    }
}
