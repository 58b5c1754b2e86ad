package com.smarttelehealth.video.foundation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The service pointed at a PostgreSQL that does not answer: health says so with 503, requests fail cleanly. */
@QuarkusTest
@TestProfile(DatabaseDownTest.UnreachableDatabase.class)
class DatabaseDownTest {

    public static class UnreachableDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/nowhere",
                    "quarkus.datasource.jdbc.acquisition-timeout", "1S",
                    "quarkus.datasource.jdbc.min-size", "0",
                    "quarkus.datasource.jdbc.initial-size", "0",
                    "quarkus.flyway.migrate-at-start", "false",
                    // the database is away on purpose: the pool's warnings, with their stack traces, would only alarm
                    // whoever reads a green run
                    "quarkus.log.category.\"io.agroal.pool\".level", "ERROR");
        }
    }

    @Test
    void healthAnswers503WithTheDatabaseDown() {
        given().get("/api/videocall/health").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'database' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'opentok' }.status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void requestsFailWith503ProblemNot500() {
        Api.as(TestJwt.token("dr-1", "provider")).get(Api.SESSIONS).then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/service-unavailable"));
        // token issuance reads and writes with plain JDBC: the same answer
        Api.as(TestJwt.token("pat-1", "patient")).post(Api.SESSIONS + "/1_abc/token").then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/service-unavailable")).header("Retry-After", "5");
        // a connection report is written on the I/O thread through the Vert.x client: the same answer, so that
        // OpenTok delivers it again later
        long now = System.currentTimeMillis();
        Callbacks.post(Callbacks.connection("connectionCreated", "1_abc", "conn-down-1", now, now,
                Callbacks.connectionData("pat-1", "Pat", "patient"), null)).then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/service-unavailable")).header("Retry-After", "5");
        // the events page and analytics read on the I/O thread through the Vert.x client: the same answer
        for (String read : new String[] { "/events", "/analytics" }) {
            Api.as(TestJwt.token("dr-1", "provider")).get(Api.SESSIONS + "/1_abc" + read).then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/service-unavailable")).header("Retry-After", "5");
        }
    }
}
