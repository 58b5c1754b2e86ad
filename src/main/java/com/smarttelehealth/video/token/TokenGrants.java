package com.smarttelehealth.video.token;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.common.Database;
import com.smarttelehealth.video.common.StoreException;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.plan.Plan;
import com.smarttelehealth.video.session.ParticipantRole;
import com.smarttelehealth.video.session.SessionStatus;
import com.smarttelehealth.video.session.SessionType;

/**
 * The database side of token issuance, the service's hottest path, in plain JDBC: one query reads
 * everything the decision needs (the caller's participation, its session and the caller's plan),
 * and one auto-committed insert logs the {@code token_issued} event. That is two round trips
 * instead of the four a JPA transaction takes (select, select, insert, commit), and no entity
 * bookkeeping for rows that are only read once.
 */
@ApplicationScoped
class TokenGrants {

    private static final String FACTS = "select s.id, s.session_id, s.status, s.type, s.window_starts_at,"
            + " s.window_ends_at, p.role, p.display_name, e.plan, e.monthly_minutes"
            + " from session_participant p"
            + " join video_session s on s.id = p.session_pk"
            + " left join entitlement e on e.user_id = p.user_id"
            + " where s.session_id = ? and p.user_id = ?";

    private static final String ISSUED = "insert into session_event (event_id, session_pk, type, occurred_at,"
            + " actor_id, details) values (?, ?, ?, ?, ?, cast(? as jsonb))";

    /** A participation and what the token checks read of it. {@code plan} is null when the user has none. */
    record Facts(long sessionPk, String sessionId, SessionStatus status, SessionType type, Instant windowStartsAt,
            Instant windowEndsAt, String userId, ParticipantRole role, String displayName, Plan plan,
            Integer monthlyMinutes) {

        boolean isActive() {
            return status == SessionStatus.ACTIVE;
        }

        boolean hasWindow() {
            return windowStartsAt != null && windowEndsAt != null;
        }
    }

    private final DataSource dataSource;
    private final ObjectMapper json;

    TokenGrants(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    Optional<Facts> facts(String sessionId, String userId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(FACTS)) {
            query.setString(1, sessionId);
            query.setString(2, userId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String plan = row.getString(9);
                Integer minutes = row.getObject(10, Integer.class);
                return Optional.of(new Facts(row.getLong(1), row.getString(2), SessionStatus.of(row.getString(3)),
                        SessionType.of(row.getString(4)), Database.instant(row, 5), Database.instant(row, 6), userId,
                        ParticipantRole.of(row.getString(7)), row.getString(8), plan == null ? null : Plan.of(plan),
                        minutes));
            }
        } catch (SQLException e) {
            throw new StoreException("Token store", e);
        }
    }

    void recordIssued(Facts facts, String actorId, Instant at, Map<String, Object> details) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(ISSUED)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setLong(2, facts.sessionPk());
            insert.setString(3, EventType.TOKEN_ISSUED.value());
            insert.setObject(4, Database.timestamp(at));
            insert.setString(5, actorId);
            insert.setString(6, json.writeValueAsString(details));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Token store", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event details could not be written", e);
        }
    }
}
