package com.smarttelehealth.video.phone;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;
import com.smarttelehealth.video.support.TestProvider;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Phone calls from the outside: the dial the provider received, the leg as one more connection of the participant
 * it stands for, its status from the SIP callbacks, digits, hang-up, and the number never shown whole.
 */
@QuarkusTest
class PhoneCallApiTest {

    private static final String CALLS = "/api/videocall/phone-calls/";
    private final String provider = TestJwt.token("dr-phone", "provider");

    @Test
    void aProviderDialsAPatientsPhoneWhichJoinsAsTheirConnection() throws Exception {
        String patient = uniqueId("pat");
        String sessionId = as(provider).body(Map.of("name", "Phone", "participants", List.of(Map.of("userId", patient,
                "role", "patient", "displayName", "Pat")))).post(SESSIONS).then().statusCode(201).extract().path("sessionId");
        Response dialled = dial(provider, sessionId, "+15551234567", patient);
        dialled.then().statusCode(201).body("status", equalTo("dialing")).body("to", equalTo("***4567"))
                .body("userId", equalTo(patient)).body("startedBy", equalTo("dr-phone"))
                .body("sessionId", equalTo(sessionId)).body("connectionId", notNullValue());
        assertFalse(dialled.asString().contains("1234567"), "the number is shown masked only");
        String callId = dialled.path("callId");
        String leg = dialled.path("connectionId");

        // what the provider was asked: the gateway's URI from the template, its credentials, a publisher token
        Map<String, Object> sent = Emulator.lastBody("/dial", "POST");
        assertEquals(sessionId, sent.get("sessionId"));
        @SuppressWarnings("unchecked")
        Map<String, Object> sip = (Map<String, Object>) sent.get("sip");
        assertEquals("sip:+15551234567@gateway.test.invalid;transport=tls", sip.get("uri"));
        assertEquals("+15550000001", sip.get("from"));
        assertEquals(Boolean.TRUE, sip.get("secure"));
        assertEquals("test-sip-user", ((Map<?, ?>) sip.get("auth")).get("username"));
        Map<String, String> token = TestProvider.decodeToken(String.valueOf(sent.get("token")));
        assertEquals(sessionId, token.get("session_id"));
        assertEquals("publisher", token.get("role"));
        Map<?, ?> data = new ObjectMapper().readValue(token.get("connection_data"), Map.class);
        assertEquals(Map.of("userId", patient, "displayName", "Pat (phone)", "role", "patient", "phone", true), data,
                "the leg stands for the patient, marked as a phone");

        // the provider reports the leg: it is the patient's connection, let in by the door
        report(sessionId, leg, patient);
        assertTrue(Emulator.liveConnections(sessionId).contains(leg));
        call(sessionId, "callUpdated", leg, "answered");
        as(provider).get(SESSIONS + "/" + sessionId + "/phone-calls").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].status", equalTo("connected"));

        // digits, checked, and played to the leg
        as(provider).body(Map.of("digits", "12a")).post(CALLS + callId + "/dtmf").then().statusCode(400)
                .body("errors[0].field", equalTo("digits"));
        as(provider).body(Map.of("digits", "p1234#")).post(CALLS + callId + "/dtmf").then().statusCode(204);
        assertEquals("p1234#", Emulator.lastBody("/connection/" + leg + "/play-dtmf", "POST").get("digits"));

        // hang up: the leg is cut, once
        as(provider).delete(CALLS + callId).then().statusCode(204);
        as(provider).delete(CALLS + callId).then().statusCode(204);
        Api.awaitCleanup(sessionId);
        assertFalse(Emulator.liveConnections(sessionId).contains(leg));
        assertEquals(1, disconnects(sessionId, leg));
        as(provider).get(SESSIONS + "/" + sessionId + "/phone-calls").then().body("items[0].status", equalTo("ended"))
                .body("items[0].endedAt", notNullValue());
        as(provider).body(Map.of("digits", "1")).post(CALLS + callId + "/dtmf").then().statusCode(409);
        as(provider).queryParam("type", "phone_call_started").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items[0].actorId", equalTo("dr-phone")).body("items[0].details.to", equalTo("***4567"));
        String ended = as(provider).queryParam("type", "phone_call_ended").get(SESSIONS + "/" + sessionId + "/events")
                .then().body("total", equalTo(1)).body("items[0].details.reason", equalTo("hung_up")).extract().asString();
        assertFalse(ended.contains("1234567"));
    }

    @Test
    void aLegOfSomeoneRemovedIsCutAndEndingTheSessionHangsUpItsCalls() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-phone", List.of(patient), List.of());
        String reported = dial(provider, sessionId, "+442071234567", patient).then().statusCode(201).extract()
                .path("connectionId");
        report(sessionId, reported, patient);
        as(provider).delete(SESSIONS + "/" + sessionId + "/participants/" + patient).then().statusCode(204);
        Api.awaitCleanup(sessionId);
        assertFalse(Emulator.liveConnections(sessionId).contains(reported), "removed: their phone leg is cut too");

        // a call the provider has not reported yet is hung up with the session
        String unreported = dial(provider, sessionId, "+442071234568", "dr-phone").then().statusCode(201).extract()
                .path("connectionId");
        as(provider).delete(SESSIONS + "/" + sessionId).then().statusCode(204);
        Api.awaitCleanup(sessionId);
        assertFalse(Emulator.liveConnections(sessionId).contains(unreported));
        assertEquals(1, disconnects(sessionId, unreported));
        as(provider).get(SESSIONS + "/" + sessionId + "/phone-calls").then()
                .body("items.status", equalTo(List.of("ended", "ended"))); // the session's end ended both
    }

    @Test
    void aCallThatEndsUnansweredFailed() {
        String sessionId = Api.consultation("dr-phone", List.of(), List.of());
        Response dialled = dial(provider, sessionId, "+15559876543", null);
        dialled.then().statusCode(201).body("userId", equalTo("dr-phone"));
        String leg = dialled.path("connectionId");
        call(sessionId, "callCreated", leg, null);
        call(sessionId, "callDestroyed", leg, null);
        call(sessionId, "callUpdated", leg, "answered"); // late: changes nothing
        as(provider).get(SESSIONS + "/" + sessionId + "/phone-calls").then().body("items[0].status", equalTo("failed"));
        as(provider).queryParam("type", "phone_call_ended").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1)).body("items[0].details.status", equalTo("failed"));
    }

    @Test
    void whoMayDialAndWhatMayBeDialled() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-phone", List.of(patient), List.of());
        String service = TestJwt.token("backend", "service");
        dial(TestJwt.token(patient, "patient"), sessionId, "+15551234567", patient).then().statusCode(403);
        dial(TestJwt.token("ops", "admin"), sessionId, "+15551234567", patient).then().statusCode(403);
        String outsider = dial(TestJwt.token("dr-other", "provider"), sessionId, "+15551234567", patient).then()
                .statusCode(404).extract().asString();
        assertFalse(outsider.contains(sessionId));
        dial(service, sessionId, "+15551234567", null).then().statusCode(400).body("errors[0].field", equalTo("userId"));
        dial(service, sessionId, "+15551234567", "nobody").then().statusCode(400);
        for (String to : List.of("5551234567", "+0551234567", "+1555", "sip:alice@elsewhere.example",
                "tel:+15551234567", "sips:+15551234567@evil.example;transport=tls")) {
            dial(provider, sessionId, to, patient).then().statusCode(400).body("errors.field", hasItem("to"));
        }
        int before = Emulator.requests("/dial").size();
        dial(provider, sessionId, "sip:+15551234567@gateway.test.invalid", patient).then().statusCode(201)
                .body("to", equalTo("sip:***4567@gateway.test.invalid"));
        assertEquals(before + 1, Emulator.requests("/dial").size(), "only the accepted dial reached the provider");

        String callId = dial(service, sessionId, "+15551234567", patient).then().statusCode(201).extract().path("callId");
        as(TestJwt.token(patient, "patient")).delete(CALLS + callId).then().statusCode(403);
        as(TestJwt.token("dr-other", "provider")).delete(CALLS + callId).then().statusCode(404);
        as(TestJwt.token("ops", "admin")).body(Map.of("digits", "1")).post(CALLS + callId + "/dtmf").then().statusCode(403);
        as(provider).delete(CALLS + "not-a-call").then().statusCode(404);
        as(provider).delete(CALLS + java.util.UUID.randomUUID()).then().statusCode(404);
        as(TestJwt.token(patient, "patient")).get(SESSIONS + "/" + sessionId + "/phone-calls").then().statusCode(200)
                .body("total", equalTo(2));

        String relayed = as(provider).body(Map.of("name", "P2P", "mediaMode", "relayed")).post(SESSIONS).then()
                .statusCode(201).extract().path("sessionId");
        dial(provider, relayed, "+15551234567", null).then().statusCode(409).body("type", equalTo("/problems/not-recordable"));
        as(provider).delete(SESSIONS + "/" + relayed).then().statusCode(204);
        dial(provider, relayed, "+15551234567", null).then().statusCode(409).body("type", equalTo("/problems/session-ended"));
    }

    static Response dial(String jwt, String sessionId, String to, String userId) {
        Map<String, Object> body = userId == null ? Map.of("to", to) : Map.of("to", to, "userId", userId);
        return as(jwt).body(body).post(SESSIONS + "/" + sessionId + "/phone-calls");
    }

    private static void report(String sessionId, String connectionId, String userId) {
        long now = Instant.now().toEpochMilli();
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, connectionId, now, now,
                Callbacks.connectionData(userId, "Phone", "patient"), null)).then().statusCode(204);
    }

    /** A SIP call callback, naming the call by its connection (the provider's own call id is not shown). */
    private static void call(String sessionId, String event, String connectionId, String state) {
        Callbacks.post(Callbacks.sipCall(sessionId, event, connectionId, state)).then().statusCode(204);
    }

    private static long disconnects(String sessionId, String connectionId) {
        return Emulator.requests("/session/" + sessionId + "/connection/" + connectionId).stream()
                .filter(r -> "DELETE".equals(r.get("method"))).count();
    }
}
