package com.smarttelehealth.video.resilience;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.devsupport.RestartablePostgres;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The same failover against a PostgreSQL that serves TLS, as every managed PostgreSQL does, with a JDBC URL that
 * names no sslmode: PgJDBC then encrypts, and so must every other pool of the service. The reactive pool, which
 * carries tokens, events and analytics, once fell back to clear text here.
 */
@QuarkusTest
@TestProfile(DatabaseFailoverOverTlsTest.OwnTlsDatabase.class)
class DatabaseFailoverOverTlsTest extends DatabaseFailoverTest {

    public static class OwnTlsDatabase extends OwnDatabase {
        @Override
        RestartablePostgres database() throws IOException {
            return RestartablePostgres.sharedWithTls();
        }
    }

    @Override
    RestartablePostgres database() throws IOException {
        return RestartablePostgres.sharedWithTls();
    }

    @Test
    void noConnectionOfAnyPoolIsInClearText() throws Exception {
        postgres = database();
        String patient = uniqueId("pat");
        // both pools at work: the create through JDBC, the token and the events page through the reactive pool
        String sessionId = Api.consultation("dr-tls", List.of(patient), List.of());
        as(TestJwt.token(patient, "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201);
        as(TestJwt.token("dr-tls", "provider")).get(SESSIONS + "/" + sessionId + "/events").then().statusCode(200);

        List<String> plain = new ArrayList<>();
        List<String> encrypted = new ArrayList<>();
        try (Connection connection = connect(); ResultSet rows = connection.createStatement().executeQuery(
                "select a.application_name, s.ssl from pg_stat_activity a join pg_stat_ssl s on s.pid = a.pid"
                        + " where a.backend_type = 'client backend' and a.pid <> pg_backend_pid()")) {
            while (rows.next()) {
                (rows.getBoolean("ssl") ? encrypted : plain).add(rows.getString("application_name"));
            }
        }
        assertEquals(List.of(), plain, "connections of the service in clear text, by application name");
        assertTrue(encrypted.contains("video-service"), "the reactive pool's connections are encrypted: " + encrypted);
        assertTrue(encrypted.stream().anyMatch(name -> !name.equals("video-service")),
                "the JDBC pool's connections are encrypted: " + encrypted);
    }
}
