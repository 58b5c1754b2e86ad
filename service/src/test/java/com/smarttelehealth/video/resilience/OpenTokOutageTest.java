package com.smarttelehealth.video.resilience;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** OpenTok failing and coming back: the circuit opens, answers at once, and closes by itself. */
@QuarkusTest
@TestProfile(OpenTokOutageTest.QuickCircuit.class)
class OpenTokOutageTest {

    public static class QuickCircuit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.fault-tolerance.global.circuit-breaker.request-volume-threshold", "4",
                    "quarkus.fault-tolerance.global.circuit-breaker.delay", "2",
                    "quarkus.fault-tolerance.global.circuit-breaker.delay-unit", "seconds",
                    "videocall.rate-limit.token-requests-per-minute", "3");
        }
    }

    private final String provider = TestJwt.token("dr-out", "provider");

    @AfterEach
    void clearFaults() {
        Emulator.clearFaults();
    }

    @Test
    void theCircuitOpensAnswersAtOnceAndRecovers() {
        Emulator.fault("/session/create", 500, 0, false, 1000);
        for (int i = 0; i < 4; i++) {
            as(provider).body(Map.of("name", "x")).post(SESSIONS).then().statusCode(502)
                    .body("type", equalTo("/problems/upstream-error"));
        }
        int reached = Emulator.requests("/session/create").size();
        as(provider).body(Map.of("name", "x")).post(SESSIONS).then().statusCode(503)
                .body("type", equalTo("/problems/upstream-unavailable")).header("Retry-After", notNullValue());
        assertEquals(reached, Emulator.requests("/session/create").size(), "an open circuit does not call OpenTok");
        given().get("/api/videocall/health").then().statusCode(503)
                .body("checks.find { it.name == 'opentok' }.status", equalTo("DOWN"));
        given().get("/q/health/ready").then().statusCode(200);

        Emulator.clearFaults();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as(provider).body(Map.of("name", "back")).post(SESSIONS).then().statusCode(201));
        given().get("/api/videocall/health").then().statusCode(200);
    }

    @Test
    void safeCallsAreRetriedAndCreatesAreNot() {
        String sessionId = Api.consultation("dr-out", List.of(), List.of());
        String connection = Emulator.connect(sessionId, Api.connectionId());
        Emulator.fault("/connection/" + connection, 0, 0, true, 1);
        as(provider).delete(SESSIONS + "/" + sessionId + "/connections/" + connection).then().statusCode(204);
        assertEquals(2, Emulator.requests("/connection/" + connection).size(), "the disconnect was tried again");

        Emulator.clearFaults();
        int before = Emulator.requests("/session/create").size();
        Emulator.fault("/session/create", 503, 0, false, 1);
        as(provider).body(Map.of("name", "once")).post(SESSIONS).then().statusCode(503);
        assertEquals(before + 1, Emulator.requests("/session/create").size(), "a create is never retried blindly");
    }

    @Test
    void tokenRequestsAreLimitedPerCaller() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-out", List.of(patient), List.of());
        String jwt = TestJwt.token(patient, "patient");
        for (int i = 0; i < 3; i++) {
            as(jwt).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201);
        }
        as(jwt).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(429)
                .body("type", equalTo("/problems/rate-limited")).header("Retry-After", notNullValue());
        // another caller is not affected
        as(TestJwt.token("dr-out", "provider")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201);
        given().get("/q/health/live").then().header("X-Content-Type-Options", "nosniff");
    }
}
