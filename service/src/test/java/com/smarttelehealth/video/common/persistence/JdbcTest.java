package com.smarttelehealth.video.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.session.SessionStatus;

/** The named parameters of the stores' statements, turned into the driver's. */
class JdbcTest {

    @Test
    void eachNamedParameterBecomesAPlaceholderInOrderRepeatsIncluded() {
        Jdbc.Parsed parsed = Jdbc.parse("select * from video_session where id = :pk and (created_by = :user"
                + " or session_visible_to(id, :operator, :user))");
        assertEquals("select * from video_session where id = ? and (created_by = ? or session_visible_to(id, ?, ?))",
                parsed.text());
        assertEquals(List.of("pk", "user", "operator", "user"), parsed.names());
    }

    @Test
    void castsQuotedTextAndCommentsAreLeftAsTheyAre() {
        Jdbc.Parsed parsed = Jdbc.parse("""
                select '{a:b}'::jsonb, cast(:at as timestamptz), ':not' as "odd:name", x::text -- :neither
                from t where y = :y1""");
        assertEquals("""
                select '{a:b}'::jsonb, cast(? as timestamptz), ':not' as "odd:name", x::text -- :neither
                from t where y = ?""", parsed.text());
        assertEquals(List.of("at", "y1"), parsed.names());
    }

    @Test
    void aStatementWithoutParametersIsUnchanged() {
        Jdbc.Parsed parsed = Jdbc.parse("select count(*) from session_connection where disconnected_at is null");
        assertEquals("select count(*) from session_connection where disconnected_at is null", parsed.text());
        assertEquals(List.of(), parsed.names());
    }

    @Test
    void aNameTheStatementLacksOrAnEnumIsRefusedBeforeTheDatabaseIsAsked() {
        Jdbc jdbc = new Jdbc(null); // no pool: nothing may reach one
        assertThrows(IllegalArgumentException.class, () -> jdbc.sql("select :a").bind("b", 1));
        assertThrows(IllegalArgumentException.class, () -> jdbc.sql("select :a").bind("a", SessionStatus.ACTIVE));
    }
}
