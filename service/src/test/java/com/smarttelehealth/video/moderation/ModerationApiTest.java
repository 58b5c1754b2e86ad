package com.smarttelehealth.video.moderation;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;
import com.smarttelehealth.video.support.TestProvider;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ModerationApiTest {

    private final String provider = TestJwt.token("dr-m1", "provider");

    @Test
    void forceDisconnectReachesOpenTokAndIsLogged() {
        String sessionId = Api.consultation("dr-m1", List.of("pat-m1"), List.of());
        String connection = Emulator.connect(sessionId, Api.connectionId());
        as(provider).delete(SESSIONS + "/" + sessionId + "/connections/" + connection).then().statusCode(204);
        assertFalse(Emulator.liveConnections(sessionId).contains(connection), "OpenTok dropped the connection");
        List<Map<String, Object>> calls = Emulator.requests("/session/" + sessionId + "/connection/" + connection);
        assertEquals("DELETE", calls.get(calls.size() - 1).get("method"));
        assertEquals(true, calls.get(calls.size() - 1).get("authorized"));
        as(provider).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.find { it.type == 'connection_disconnected' }.connectionId", equalTo(connection))
                .body("items.find { it.type == 'connection_disconnected' }.actorId", equalTo("dr-m1"));
        // a connection OpenTok does not know
        as(provider).delete(SESSIONS + "/" + sessionId + "/connections/" + connection).then().statusCode(404)
                .body("type", equalTo("/problems/not-found"));
    }

    @Test
    void muteAllSendsTheExclusionsAndMuteStreamTheStream() {
        String sessionId = Api.consultation("dr-m1", List.of(), List.of());
        as(provider).body(Map.of("excludedStreamIds", List.of("stream-a", "stream-b")))
                .post(SESSIONS + "/" + sessionId + "/mute").then().statusCode(204);
        List<Map<String, Object>> mutes = Emulator.requests("/session/" + sessionId + "/mute");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) mutes.get(mutes.size() - 1).get("body");
        assertEquals(true, body.get("active"));
        // OpenTok's SDK 4.9.0 spells the field this way on the wire; Vonage's spells it right
        assertEquals(List.of("stream-a", "stream-b"),
                body.get(TestProvider.vonage() ? "excludedStreamIds" : "excudedStreamIds"));

        as(provider).post(SESSIONS + "/" + sessionId + "/mute").then().statusCode(204);
        String stream = Api.connectionId();
        as(provider).post(SESSIONS + "/" + sessionId + "/streams/" + stream + "/mute").then().statusCode(204);
        assertTrue(Emulator.requests("/session/" + sessionId + "/stream/" + stream + "/mute").stream()
                .anyMatch(r -> "POST".equals(r.get("method"))));
        as(provider).queryParam("type", "session_muted").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(3))
                .body("items.streamId", hasItem(stream));
    }

    @Test
    void signalsAreValidatedAndSent() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-m1", List.of(patient), List.of());
        String patientJwt = TestJwt.token(patient, "patient");
        String path = SESSIONS + "/" + sessionId + "/signals";
        as(patientJwt).body(Map.of("type", "chat", "data", "hello")).post(path).then().statusCode(204);
        assertEquals(1, Emulator.requests("/session/" + sessionId + "/signal").size());
        as(patientJwt).body(Map.of("type", "t".repeat(129), "data", "x")).post(path).then().statusCode(400)
                .body("errors.field", hasItem("type"));
        as(patientJwt).body(Map.of("type", "chat", "data", "é".repeat(4097))).post(path).then().statusCode(400)
                .body("errors.field", hasItem("data"));
        as(patientJwt).body(Map.of("type", "chat", "data", "x".repeat(8192))).post(path).then().statusCode(204);
        as(patientJwt).body(Map.of("data", "x")).post(path).then().statusCode(400).body("errors.field", hasItem("type"));
        String connection = Emulator.connect(sessionId, Api.connectionId());
        as(patientJwt).body(Map.of("type", "chat", "data", "to you", "connectionId", connection)).post(path)
                .then().statusCode(204);
        assertEquals(1, Emulator.requests("/connection/" + connection + "/signal").size());
        as(patientJwt).body(Map.of("type", "chat", "data", "x", "connectionId", "gone")).post(path).then()
                .statusCode(404);
    }

    @Test
    void patientsAndObserversMayNotModerate() {
        String patient = uniqueId("pat");
        String observer = uniqueId("obs");
        String sessionId = Api.consultation("dr-m1", List.of(patient), List.of(observer));
        for (String jwt : List.of(TestJwt.token(patient, "patient"), TestJwt.token(observer, "provider"),
                TestJwt.token("svc", "service"))) {
            as(jwt).post(SESSIONS + "/" + sessionId + "/mute").then().statusCode(403)
                    .body("type", equalTo("/problems/forbidden"));
        }
        as(TestJwt.token("admin-1", "admin")).post(SESSIONS + "/" + sessionId + "/mute").then().statusCode(204);
        as(TestJwt.token("stranger", "provider")).post(SESSIONS + "/" + sessionId + "/mute").then().statusCode(404);
    }

    @Test
    void anEndedSessionCannotBeModerated() {
        String sessionId = Api.consultation("dr-m1", List.of(), List.of());
        as(provider).delete(SESSIONS + "/" + sessionId).then().statusCode(204);
        as(provider).post(SESSIONS + "/" + sessionId + "/mute").then().statusCode(409)
                .body("type", equalTo("/problems/session-ended"));
    }
}
