package com.smarttelehealth.video.packaged;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.TestJwt;
import com.smarttelehealth.video.support.TestProvider;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The main API flows, rerun against the packaged application (the jar, or the native binary where
 * one is built) with its prod profile: a consultation from creation to its end, with tokens,
 * consent, a recording, a broadcast, moderation, signed callbacks, events and analytics. It also
 * reads the application's own log to check what prod writes: JSON lines with a request id. It runs once per
 * provider (the failsafe execution {@code vonage} reruns it on the Vonage Video API).
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedAppResources.class, restrictToAnnotatedClass = true)
@TestMethodOrder(OrderAnnotation.class)
class MainFlowsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATIENT_NAME = "Alice Confidential";

    private final String providerId = uniqueId("dr-it");
    private final String provider = TestJwt.token(providerId, "provider");

    private static long ms(Instant instant) {
        return instant.toEpochMilli();
    }

    @Test
    @Order(1)
    void aConsultationFromStartToEnd() {
        String patient = uniqueId("pat");
        String observer = uniqueId("obs");
        String chatRoom = uniqueId("room");
        Api.plan(patient, "premium", null);

        String sessionId = as(provider).body(Map.of("name", "Follow-up", "consultationId", uniqueId("c"),
                "chatRoomId", chatRoom, "participants",
                List.of(Map.of("userId", patient, "role", "patient", "displayName", PATIENT_NAME),
                        Map.of("userId", observer, "role", "observer"))))
                .post(SESSIONS).then().statusCode(201).body("mediaMode", equalTo("routed"))
                .extract().path("sessionId");
        String base = SESSIONS + "/" + sessionId;

        // tokens: the role ceiling of each participant
        as(TestJwt.token(patient, "patient")).post(base + "/token").then().statusCode(201)
                .body("token", startsWith(TestProvider.tokenPrefix())).body("role", equalTo("publisher"))
                .body("apiKey", equalTo(PackagedAppResources.clientKey())).header("Cache-Control", "no-store");
        as(TestJwt.token(observer, "patient")).post(base + "/token").then().statusCode(201)
                .body("role", equalTo("subscriber"));
        as(TestJwt.token(observer, "patient")).body(Map.of("role", "publisher")).post(base + "/token").then()
                .statusCode(403).contentType("application/problem+json");

        // a recording needs the patient's consent, and reaches OpenTok as asked
        as(provider).body(Map.of("outputMode", "individual")).post(base + "/recordings").then().statusCode(409)
                .body("type", equalTo("/problems/consent-required"));
        as(TestJwt.token(patient, "patient")).body(Map.of("recording", true)).put(base + "/consent").then()
                .statusCode(200);
        String recordingId = as(provider).body(Map.of("outputMode", "individual")).post(base + "/recordings")
                .then().statusCode(201).body("status", equalTo("started")).extract().path("recordingId");
        List<Map<String, Object>> archives = PackagedAppResources.emulator().queryParam("path", "/archive").get("/_admin/requests")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.method == 'POST' }.body");
        assertTrue(archives.stream().anyMatch(b -> sessionId.equals(b.get("sessionId"))
                && "individual".equals(b.get("outputMode"))), "OpenTok was asked for an individual archive");
        as(provider).post("/api/videocall/recordings/" + recordingId + "/stop").then().statusCode(200)
                .body("status", equalTo("stopped"));

        // a broadcast: the patient's recording consent does not cover it; with broadcast consent, started and stopped
        as(provider).body(Map.of("hls", Map.of())).post(base + "/broadcasts").then().statusCode(409)
                .body("type", equalTo("/problems/consent-required"));
        as(TestJwt.token(patient, "patient")).body(Map.of("broadcast", true)).put(base + "/consent").then()
                .statusCode(200).body("recording", equalTo(true)).body("broadcast", equalTo(true));
        String broadcastId = as(provider).body(Map.of("hls", Map.of("dvr", false, "lowLatency", true)))
                .post(base + "/broadcasts").then().statusCode(201).extract().path("broadcastId");
        as(provider).post("/api/videocall/broadcasts/" + broadcastId + "/stop").then().statusCode(200)
                .body("status", equalTo("stopped"));

        // signed callbacks feed the live connections, events and analytics
        Instant t0 = Instant.now().minusSeconds(600);
        String connection = Api.connectionId();
        String data = Callbacks.connectionData(patient, "Pat", "patient");
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, connection, ms(t0), ms(t0), data, null))
                .then().statusCode(204);
        as(provider).get(base + "/connections").then().statusCode(200).body("", hasSize(1))
                .body("[0].userId", equalTo(patient));
        Callbacks.post(Callbacks.connection("connectionDestroyed", sessionId, connection, ms(t0),
                ms(t0.plusSeconds(300)), data, "clientDisconnected")).then().statusCode(204);
        as(provider).get(base + "/analytics").then().statusCode(200)
                .body("totalConnections", equalTo(1)).body("connectedMinutes", equalTo(5))
                .body("recordings.count", equalTo(1)).body("broadcasts.count", equalTo(1));

        // moderation reaches OpenTok
        as(provider).body(Map.of("excludedStreamIds", List.of())).post(base + "/mute").then().statusCode(204);
        assertEquals(1, PackagedAppResources.emulator().queryParam("path", "/session/" + sessionId + "/mute").get("/_admin/requests")
                .then().statusCode(200).extract().jsonPath().getList("$").size());

        // the end: no more tokens, and the log of it all
        as(provider).delete(base).then().statusCode(204);
        as(TestJwt.token(patient, "patient")).post(base + "/token").then().statusCode(409)
                .body("type", equalTo("/problems/session-ended"));
        as(provider).queryParam("size", 100).get(base + "/events").then().statusCode(200)
                .body("items.type", hasItems("session_created", "token_issued", "recording_started",
                        "broadcast_started", "connection_created", "connection_destroyed", "session_muted",
                        "session_ended"));
        as(TestJwt.token(patient, "patient")).get("/api/videocall/chat-rooms/" + chatRoom + "/events").then()
                .statusCode(200).body("items.type", hasItems("session_created", "session_ended"));
    }

    @Test
    @Order(2)
    void prodLogsAreJsonLinesWithTheRequestIdAndNoNamesOrTokens() throws IOException {
        String patient = uniqueId("pat");
        Api.plan(patient, "premium", null);
        String sessionId = as(provider).body(Map.of("name", "Log check", "consultationId", uniqueId("c"),
                "participants", List.of(Map.of("userId", patient, "role", "patient", "displayName", PATIENT_NAME))))
                .post(SESSIONS).then().statusCode(201).extract().path("sessionId");
        String token = as(TestJwt.token(patient, "patient")).post(SESSIONS + "/" + sessionId + "/token").then()
                .statusCode(201).extract().path("token");

        // a request that logs a warning: OpenTok fails once under it
        PackagedAppResources.emulator().body(Map.of("pathContains", "/mute", "status", 500, "delayMs", 0, "drop", false, "times", 1))
                .post("/_admin/faults").then().statusCode(204);
        String requestId = "it-" + uniqueId("req");
        as(provider).header("X-Request-Id", requestId).post(SESSIONS + "/" + sessionId + "/mute").then()
                .statusCode(anyOf(equalTo(502), equalTo(503))).header("X-Request-Id", requestId);
        // a caller's id that could forge log content is replaced by one of ours
        String replaced = as(provider).header("X-Request-Id", "bad id\"}").get(SESSIONS + "/" + sessionId).then()
                .statusCode(200).extract().header("X-Request-Id");
        assertFalse(replaced.contains("\""));

        // where @QuarkusIntegrationTest points the application's file log
        Path log = Path.of("target/quarkus-test.log");
        List<String> lines = awaitLine(log, requestId);
        List<JsonNode> json = lines.stream().filter(l -> l.startsWith("{")).map(MainFlowsIT::parse).toList();
        assertEquals(List.of(), lines.stream().filter(l -> !l.isBlank() && !l.startsWith("{")).limit(3).toList(),
                "every line is JSON, from the first boot line on");
        JsonNode warning = json.stream().filter(j -> requestId.equals(j.path("mdc").path("requestId").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no JSON line carries request id " + requestId));
        assertEquals("WARN", warning.path("level").asText());
        assertTrue(warning.path("message").asText().startsWith(TestProvider.vonage() ? "Vonage" : "OpenTok"),
                warning.toString());
        JsonNode created = json.stream().filter(j -> j.path("message").asText().contains(sessionId + " (consultation) created"))
                .findFirst().orElseThrow(() -> new AssertionError("the session's creation is not logged"));
        assertFalse(created.path("mdc").path("requestId").asText().isEmpty(), "a request's line has its id");
        for (String line : lines) {
            assertFalse(line.contains(PATIENT_NAME), "a patient's name is logged: " + line);
            assertFalse(line.contains(token), "a token is logged");
            assertFalse(line.contains(PackagedAppResources.API_SECRET), "the API secret is logged");
            assertFalse(line.contains("PRIVATE KEY"), "the application's private key is logged");
        }
    }

    private static List<String> awaitLine(Path log, String needle) throws IOException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (true) {
            List<String> lines = Files.readAllLines(log);
            if (lines.stream().anyMatch(l -> l.contains(needle)) || System.currentTimeMillis() > deadline) {
                return lines;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return lines;
            }
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("a log line that starts like JSON is not JSON: " + line, e);
        }
    }
}
