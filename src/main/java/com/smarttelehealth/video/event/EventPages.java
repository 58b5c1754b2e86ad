package com.smarttelehealth.video.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.Caller;
import com.smarttelehealth.video.common.Database;
import com.smarttelehealth.video.common.PageRequest;
import com.smarttelehealth.video.common.PageResponse;
import com.smarttelehealth.video.common.ReactivePool;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * A session's events page in one statement and one round trip: the visibility check, the total and the page's
 * rows together, on the {@link ReactivePool}, because this is read far more than it is written and JPA would take
 * four round trips (session, count, page, and the participants for a non-operator). A single statement also
 * reads one consistent snapshot, so the total always matches the page.
 */
@ApplicationScoped
class EventPages {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

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
            where s.session_id = $3
              and ($4 or exists (select 1 from session_participant p where p.session_pk = s.id and p.user_id = $5))
            order by e.occurred_at, e.id
            """;
    // two texts rather than "($6 is null or type = $6)", so that a generic plan still uses the type index
    private static final String ALL_TYPES = PAGE.formatted("", "");
    private static final String ONE_TYPE = PAGE.formatted("and c.type = $6", "and e.type = $6");

    private final ReactivePool reads;
    private final ObjectMapper json;

    EventPages(ReactivePool reads, ObjectMapper json) {
        this.reads = reads;
        this.json = json;
    }

    /** The page; 404 when the session does not exist or the caller may not see it. */
    Uni<PageResponse<EventView>> sessionPage(String sessionId, Caller caller, EventType type, PageRequest page) {
        Tuple arguments = Tuple.of((long) page.size(), (long) page.offset(), sessionId, caller.isOperator(),
                caller.userId());
        if (type != null) {
            arguments.addString(type.value());
        }
        return reads.query("Event store", type == null ? ALL_TYPES : ONE_TYPE, arguments)
                .map(rows -> page(rows, page));
    }

    private PageResponse<EventView> page(RowSet<Row> rows, PageRequest page) {
        if (rows.size() == 0) {
            throw ApiException.notFound("The session");
        }
        long total = 0;
        List<EventView> items = new ArrayList<>(page.size());
        for (Row row : rows) {
            total = row.getLong("total");
            if (row.getUUID("event_id") != null) { // the left join's one empty row when the page has no events
                items.add(view(row));
            }
        }
        return new PageResponse<>(items, page.page(), page.size(), total);
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
}
