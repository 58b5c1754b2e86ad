package com.smarttelehealth.video.event;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.common.persistence.Database;
import com.smarttelehealth.video.common.persistence.Jdbc;
import com.smarttelehealth.video.common.persistence.ReactiveStatements;
import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.PageResponse;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * The event log's store: the only class that writes {@code session_event}, and the one that reads it.
 * <p>
 * Every write goes through one SQL definition, the database function {@code record_session_event} (V1.5.0),
 * in four forms: an action's event in that action's transaction ({@link Entry#record()}), an action's few events
 * together in one statement of its transaction ({@link #recordTogether}), a batch of issued tokens in one
 * auto-committed statement ({@link #recordAll}), and a provider's report, once, for the session with the
 * provider's id ({@link #recordReport}). No other store's SQL runs in these statements.
 * <p>
 * Reads: a session's page in one statement on the I/O thread (the visibility check, the total and the rows
 * together, in one snapshot), and a chat room's calls the same way.
 */
@ApplicationScoped
public class EventStore {

    private static final String STORE = "Event store";
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    /** An action's event, in the action's transaction. */
    private static final String RECORD = "select " + recordCall("");

    /** The statements that write several events together, by their number. */
    private static final Map<Integer, String> RECORD_TOGETHER = new ConcurrentHashMap<>();

    /** The call that writes one event, its parameters named with {@code suffix}: several can share a statement. */
    private static String recordCall(String suffix) {
        return """
                record_session_event(cast(:eventId%1$s as uuid), :sessionPk%1$s, :type%1$s, :occurredAt%1$s,
                                     :actorId%1$s, :connectionId%1$s, :streamId%1$s, :recordingId%1$s,
                                     :broadcastId%1$s, cast(:details%1$s as jsonb), :dedupKey%1$s)""".formatted(suffix);
    }

    /** Many events in one statement: $1..$11 are arrays of the function's arguments, one element per event. */
    private static final String RECORD_ALL = """
            select count(*) filter (where record_session_event(e.event_id, e.session_pk, e.type, e.occurred_at,
                                        e.actor_id, e.connection_id, e.stream_id, e.recording_id, e.broadcast_id,
                                        cast(e.details as jsonb), e.dedup_key)) as written
            from unnest($1::uuid[], $2::bigint[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::text[], $11::text[])
                 as e(event_id, session_pk, type, occurred_at, actor_id, connection_id, stream_id, recording_id,
                      broadcast_id, details, dedup_key)
            """;

    /**
     * A report's event for the session with the provider's id $2: no row when the session is not ours, else
     * whether the event is new. Every parameter is cast: in a select list PostgreSQL would take it as text.
     */
    private static final String RECORD_REPORT = """
            select record_session_event($1::uuid, s.id, $3::text, $4::timestamptz, $5::text, $6::text, $7::text,
                                        $8::text, $9::text, $10::text::jsonb, $11::text) as recorded
            from video_session s where s.session_id = $2
            """;

    // $1 limit, $2 offset, $3 session id, $4 operator, $5 caller, [$6 the type]
    private static final String PAGE = """
            select s.session_id, t.total, e.event_id, e.type, e.occurred_at, e.actor_id, e.connection_id,
                   e.stream_id, e.recording_id, e.broadcast_id, e.details::text as details
            from video_session s
            cross join lateral (select count(*) as total from session_event c
                                where c.session_pk = s.id %1$s) t
            left join lateral (select * from session_event e
                               where e.session_pk = s.id %2$s
                               order by e.occurred_at, e.id limit $1 offset $2) e on true
            where s.session_id = $3 and session_visible_to(s.id, $4, $5)
            order by e.occurred_at, e.id
            """;
    // two texts rather than "($6 is null or type = $6)", so that a generic plan still uses the type index
    private static final String PAGE_ALL_TYPES = PAGE.formatted("", "");
    private static final String PAGE_ONE_TYPE = PAGE.formatted("and c.type = $6", "and e.type = $6");

    /**
     * A chat room's page: the room's sessions the caller may see, then their events in one ordered page and their
     * total. No row when the caller may see none; one row without an event when they have none (yet).
     * $1 limit, $2 offset, $3 chat room, $4 operator, $5 caller, [$6 the type]
     */
    private static final String ROOM_PAGE = """
            with visible as materialized (
                select s.id, s.session_id from video_session s
                where s.chat_room_id = $3 and session_visible_to(s.id, $4, $5))
            select e.session_id, t.total, e.event_id, e.type, e.occurred_at, e.actor_id, e.connection_id,
                   e.stream_id, e.recording_id, e.broadcast_id, e.details::text as details
            from (select count(*) as total from visible v join session_event c on c.session_pk = v.id %1$s) t
            left join lateral (select v.session_id, e.event_id, e.type, e.occurred_at, e.id, e.actor_id,
                                      e.connection_id, e.stream_id, e.recording_id, e.broadcast_id, e.details
                               from visible v join session_event e on e.session_pk = v.id %2$s
                               order by e.occurred_at, e.id limit $1 offset $2) e on true
            where exists (select 1 from visible)
            order by e.occurred_at, e.id
            """;
    private static final String ROOM_PAGE_ALL_TYPES = ROOM_PAGE.formatted("", "");
    private static final String ROOM_PAGE_ONE_TYPE = ROOM_PAGE.formatted("and c.type = $6", "and e.type = $6");

    /**
     * The live feed's page of a session after a cursor, in commit order (V1.9.0): each row says whether its
     * transaction is older than every one still running ({@code settled}); only a settled prefix may be sent,
     * since a later commit can only have a larger tx. $1 session key, $2 $3 the cursor, $4 the limit.
     */
    private static final String FEED = """
            select s.session_id, coalesce(e.tx, 0) as tx, e.id, e.event_id, e.type, e.occurred_at, e.actor_id,
                   e.connection_id, e.stream_id, e.recording_id, e.broadcast_id, e.details::text as details,
                   coalesce(e.tx, 0) < txid_snapshot_xmin(txid_current_snapshot()) as settled
            from session_event e join video_session s on s.id = e.session_pk
            where e.session_pk = $1 and (coalesce(e.tx, 0), e.id) > ($2, $3)
              and e.type not in ('token_issued', 'quality_reported')
            order by coalesce(e.tx, 0), e.id
            limit $4
            """;

    /** Where "what happens next" starts: every transaction older than this one's oldest running is done. */
    private static final String HEAD = "select txid_snapshot_xmin(txid_current_snapshot()) - 1 as tx";

    private final Jdbc db;
    private final ReactiveStatements statements;
    private final Clock clock;
    private final ObjectMapper json;

    EventStore(Jdbc db, ReactiveStatements statements, Clock clock, ObjectMapper json) {
        this.db = db;
        this.statements = statements;
        this.clock = clock;
        this.json = json;
    }

    /** The key that makes an event happen once: one of each type per connection, stream, recording or broadcast. */
    public static String onceKey(EventType type, String id) {
        return type.value() + ":" + id;
    }

    /** An event of the session with key {@code sessionPk}, happening now; {@link Entry#record()} writes it. */
    public Entry entry(long sessionPk, EventType type, String actorId) {
        return new Entry(sessionPk, type, actorId, clock.instant());
    }

    /** An event whose session {@link #recordReport} finds by the provider's id. */
    public Entry entry(EventType type, String actorId, Instant at) {
        return new Entry(null, type, actorId, at);
    }

    /** What a report's event did. */
    public enum Applied {
        /** New: the event is written. */
        APPLIED,
        /** Delivered before (again, or to another replica): nothing changed. */
        REPEATED,
        /** For a session that is not ours: nothing written. */
        UNKNOWN_SESSION
    }

    /**
     * Writes a provider report's {@code event} (one with a {@link Entry#once} key) for the session whose provider id
     * is {@code sessionId}; a repeated report writes nothing. One auto-committed statement on the I/O thread.
     */
    public Uni<Applied> recordReport(String sessionId, Entry event) {
        Tuple arguments;
        try {
            arguments = Tuple.of(event.eventId, sessionId, event.type.value(), Database.timestamp(event.occurredAt),
                    event.actorId, event.connectionId, event.streamId, event.recordingId, event.broadcastId,
                    event.detailsJson(), event.dedupKey);
        } catch (IllegalStateException e) {
            return Uni.createFrom().failure(e);
        }
        return statements.run(STORE, RECORD_REPORT, arguments).map(rows -> rows.size() == 0 ? Applied.UNKNOWN_SESSION
                : rows.iterator().next().getBoolean("recorded") ? Applied.APPLIED : Applied.REPEATED);
    }

    /**
     * Writes the events in the current transaction, which must exist, in one statement: an action's few events
     * together, in the list's order (as {@link Entry#record()} one by one would, in one round trip).
     */
    public void recordTogether(List<Entry> entries) {
        if (entries.size() <= 1) {
            entries.forEach(Entry::record);
            return;
        }
        Jdbc.Statement statement = db.sql(RECORD_TOGETHER.computeIfAbsent(entries.size(), n -> {
            StringBuilder sql = new StringBuilder("select ");
            for (int i = 0; i < n; i++) {
                sql.append(i == 0 ? "" : ", ").append(recordCall(String.valueOf(i)));
            }
            return sql.toString();
        }));
        for (int i = 0; i < entries.size(); i++) {
            entries.get(i).bind(statement, String.valueOf(i));
        }
        statement.exists();
    }

    /** Writes the events in one auto-committed statement on the I/O thread; completes once they are committed. */
    public Uni<Void> recordAll(List<Entry> events) {
        int n = events.size();
        UUID[] eventIds = new UUID[n];
        Long[] sessionPks = new Long[n];
        String[] types = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] actorIds = new String[n];
        String[] connectionIds = new String[n];
        String[] streamIds = new String[n];
        String[] recordingIds = new String[n];
        String[] broadcastIds = new String[n];
        String[] details = new String[n];
        String[] dedupKeys = new String[n];
        try {
            for (int i = 0; i < n; i++) {
                Entry event = events.get(i);
                eventIds[i] = event.eventId;
                sessionPks[i] = event.sessionPk;
                types[i] = event.type.value();
                at[i] = Database.timestamp(event.occurredAt);
                actorIds[i] = event.actorId;
                connectionIds[i] = event.connectionId;
                streamIds[i] = event.streamId;
                recordingIds[i] = event.recordingId;
                broadcastIds[i] = event.broadcastId;
                details[i] = event.detailsJson();
                dedupKeys[i] = event.dedupKey;
            }
        } catch (IllegalStateException e) {
            return Uni.createFrom().failure(e);
        }
        Tuple arguments = Tuple.tuple(List.of(eventIds, sessionPks, types, at, actorIds, connectionIds, streamIds,
                recordingIds, broadcastIds, details, dedupKeys));
        return statements.run(STORE, RECORD_ALL, arguments).replaceWithVoid();
    }

    /** A session's events, oldest first; empty when the session does not exist or the caller may not see it. */
    public Uni<Optional<PageResponse<EventView>>> sessionPage(String sessionId, Caller caller, EventType type,
            PageRequest page) {
        return page(type == null ? PAGE_ALL_TYPES : PAGE_ONE_TYPE, sessionId, caller, type, page);
    }

    /**
     * The events of the sessions linked to a chat room that the caller may see ({@code session_visible_to}, the
     * rule of the session itself), oldest first, each with its session's id; empty when the caller may see none of
     * them. The room's label grants nothing: any session creator may set it. One statement on the I/O thread.
     */
    public Uni<Optional<PageResponse<EventView>>> chatRoomPage(String chatRoomId, Caller caller, EventType type,
            PageRequest page) {
        return page(type == null ? ROOM_PAGE_ALL_TYPES : ROOM_PAGE_ONE_TYPE, chatRoomId, caller, type, page);
    }

    /** Runs a page statement ($1 limit, $2 offset, $3 what it pages, $4 operator, $5 caller, [$6 the type]). */
    private Uni<Optional<PageResponse<EventView>>> page(String sql, String of, Caller caller, EventType type,
            PageRequest page) {
        Tuple arguments = Tuple.of((long) page.size(), (long) page.offset(), of, caller.isOperator(),
                caller.userId());
        if (type != null) {
            arguments.addString(type.value());
        }
        return statements.run(STORE, sql, arguments).map(rows -> page(rows, page));
    }

    /** A place in a session's feed: the transaction that wrote an event, then its id. */
    public record Cursor(long tx, long id) implements Comparable<Cursor> {

        /** {@code <tx>-<id>}, as the feed's {@code id:} and a client's {@code Last-Event-ID}. */
        @Override
        public String toString() {
            return tx + "-" + id;
        }

        /** A cursor from {@code Last-Event-ID}; empty when it is not one of ours. */
        public static Optional<Cursor> parse(String text) {
            if (text == null || !text.matches("\\d{1,19}-\\d{1,19}")) {
                return Optional.empty();
            }
            try {
                int dash = text.indexOf('-');
                return Optional.of(new Cursor(Long.parseLong(text.substring(0, dash)),
                        Long.parseLong(text.substring(dash + 1))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        @Override
        public int compareTo(Cursor other) {
            int byTx = Long.compare(tx, other.tx);
            return byTx != 0 ? byTx : Long.compare(id, other.id);
        }
    }

    /** An event of the feed at its cursor. */
    public record FeedEvent(Cursor cursor, EventView event) {
    }

    /** A page of the feed: the settled events after the cursor, and whether newer ones wait to settle. */
    public record FeedPage(List<FeedEvent> events, boolean unsettled, boolean full) {
    }

    /** The feed of a session after {@code after}, at most {@code limit} events, on the I/O thread. */
    public Uni<FeedPage> feed(long sessionPk, Cursor after, int limit) {
        return statements.run(STORE, FEED, Tuple.of(sessionPk, after.tx(), after.id(), (long) limit)).map(rows -> {
            List<FeedEvent> events = new ArrayList<>(rows.size());
            boolean unsettled = false;
            for (Row row : rows) {
                if (!row.getBoolean("settled")) {
                    unsettled = true;
                    break;
                }
                events.add(new FeedEvent(new Cursor(row.getLong("tx"), row.getLong("id")), view(row)));
            }
            return new FeedPage(events, unsettled, rows.size() == limit);
        });
    }

    /** The cursor before everything that happens from now on. */
    public Uni<Cursor> head() {
        return statements.run(STORE, HEAD, Tuple.tuple())
                .map(rows -> new Cursor(rows.iterator().next().getLong("tx"), Long.MAX_VALUE));
    }

    private Optional<PageResponse<EventView>> page(RowSet<Row> rows, PageRequest page) {
        if (rows.size() == 0) { // not even the left join's row: nothing this caller may see
            return Optional.empty();
        }
        long total = 0;
        List<EventView> items = new ArrayList<>(page.size());
        for (Row row : rows) {
            total = row.getLong("total");
            if (row.getUUID("event_id") != null) { // the left join's one empty row when the page has no events
                items.add(view(row));
            }
        }
        return Optional.of(new PageResponse<>(items, page.page(), page.size(), total));
    }

    private EventView view(Row row) {
        return new EventView(row.getUUID("event_id"), row.getString("session_id"),
                EventType.fromValue(row.getString("type")), Database.instant(row.getOffsetDateTime("occurred_at")),
                row.getString("actor_id"), row.getString("connection_id"), row.getString("stream_id"),
                row.getString("recording_id"), row.getString("broadcast_id"), details(row.getString("details")));
    }

    private Map<String, Object> details(String text) {
        if (text == null || text.equals("{}")) {
            return Map.of();
        }
        try {
            return json.readValue(text, DETAILS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored event details are not JSON", e);
        }
    }

    /** An event being written. */
    public final class Entry {
        private final UUID eventId = UUID.randomUUID();
        private final Long sessionPk;
        private final EventType type;
        private final String actorId;
        private final Map<String, Object> details = new LinkedHashMap<>();
        private Instant occurredAt;
        private String connectionId;
        private String streamId;
        private String recordingId;
        private String broadcastId;
        private String dedupKey;

        private Entry(Long sessionPk, EventType type, String actorId, Instant occurredAt) {
            this.sessionPk = sessionPk;
            this.type = type;
            this.actorId = actorId;
            this.occurredAt = occurredAt;
        }

        public Entry at(Instant at) {
            this.occurredAt = at;
            return this;
        }

        public Entry connection(String id) {
            this.connectionId = id;
            return this;
        }

        public Entry stream(String id) {
            this.streamId = id;
            return this;
        }

        public Entry recording(String id) {
            this.recordingId = id;
            return this;
        }

        public Entry broadcast(String id) {
            this.broadcastId = id;
            return this;
        }

        /** A detail; a null value leaves its key out. */
        public Entry detail(String key, Object value) {
            if (value != null) {
                details.put(key, value);
            }
            return this;
        }

        /** Makes the event happen at most once for this key, whoever records it first (API or callback, any replica). */
        public Entry once(String key) {
            this.dedupKey = key;
            return this;
        }

        /**
         * Writes the event in the current transaction, which must exist (a store's transactional method). With a
         * {@link #once} key it answers false, writing nothing, when the event was already written.
         */
        public boolean record() {
            return bind(db.sql(RECORD), "").one(row -> row.bool(1));
        }

        private Jdbc.Statement bind(Jdbc.Statement statement, String suffix) {
            return statement.bind("eventId" + suffix, eventId.toString())
                    .bind("sessionPk" + suffix, sessionPk)
                    .bind("type" + suffix, type.value())
                    .bind("occurredAt" + suffix, occurredAt)
                    .bind("actorId" + suffix, actorId)
                    .bind("connectionId" + suffix, connectionId)
                    .bind("streamId" + suffix, streamId)
                    .bind("recordingId" + suffix, recordingId)
                    .bind("broadcastId" + suffix, broadcastId)
                    .bind("details" + suffix, detailsJson())
                    .bind("dedupKey" + suffix, dedupKey);
        }

        private String detailsJson() {
            try {
                return json.writeValueAsString(details);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Event details could not be written", e);
            }
        }
    }
}
