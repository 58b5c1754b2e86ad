package com.smarttelehealth.video.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.common.Caller;
import com.smarttelehealth.video.common.Database;
import com.smarttelehealth.video.common.PageRequest;
import com.smarttelehealth.video.common.PageResponse;
import com.smarttelehealth.video.common.StoreException;

/**
 * A session's events page in one statement and one round trip: the visibility check, the total and
 * the page's rows together, in plain JDBC, because this is read far more than it is written and JPA
 * would take four round trips (session, count, page, and the participants for a non-operator).
 * A single statement also reads one consistent snapshot, so the total always matches the page.
 */
@ApplicationScoped
class EventPages {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    // ? in order: [the type, for the count], [the type, for the page], limit, offset, session id, operator, caller
    private static final String PAGE = """
            select s.session_id, t.total, e.event_id, e.type, e.occurred_at, e.actor_id, e.connection_id,
                   e.stream_id, e.recording_id, e.broadcast_id, e.details::text
            from video_session s
            cross join lateral (select count(*) as total from session_event c
                                where c.session_pk = s.id %1$s) t
            left join lateral (select * from session_event e
                               where e.session_pk = s.id %2$s
                               order by e.occurred_at, e.id limit ? offset ?) e on true
            where s.session_id = ?
              and (? or exists (select 1 from session_participant p where p.session_pk = s.id and p.user_id = ?))
            order by e.occurred_at, e.id
            """;
    // two texts rather than "(? is null or type = ?)", so that a generic plan still uses the type index
    private static final String ALL_TYPES = PAGE.formatted("", "");
    private static final String ONE_TYPE = PAGE.formatted("and c.type = ?", "and e.type = ?");

    private final DataSource dataSource;
    private final ObjectMapper json;

    EventPages(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The page, or empty when the session does not exist or the caller may not see it (both 404). */
    Optional<PageResponse<EventView>> sessionPage(String sessionId, Caller caller, EventType type, PageRequest page) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(type == null ? ALL_TYPES : ONE_TYPE)) {
            int i = 1;
            if (type != null) {
                query.setString(i++, type.value());
                query.setString(i++, type.value());
            }
            query.setInt(i++, page.size());
            query.setInt(i++, page.offset());
            query.setString(i++, sessionId);
            query.setBoolean(i++, caller.isOperator());
            query.setString(i, caller.userId());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long total = row.getLong(2);
                List<EventView> items = new ArrayList<>(page.size());
                do {
                    if (row.getObject(3) != null) { // the left join's one empty row when the page has no events
                        items.add(view(row, row.getString(1)));
                    }
                } while (row.next());
                return Optional.of(new PageResponse<>(items, page.page(), page.size(), total));
            }
        } catch (SQLException e) {
            throw new StoreException("Event store", e);
        }
    }

    private EventView view(ResultSet row, String sessionId) throws SQLException {
        return new EventView(row.getObject(3, UUID.class), sessionId, EventType.fromValue(row.getString(4)),
                Database.instant(row, 5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                row.getString(10), details(row.getString(11)));
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
