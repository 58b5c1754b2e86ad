package com.smarttelehealth.video.security;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every authenticated endpoint, called by every kind of caller, with the exact status each must get.
 * Each cell runs against a fresh session (with a recording and a broadcast when the endpoint needs
 * one), so that one cell's effect cannot change another's answer. {@link OpenApiCompletenessTest}
 * fails when an operation of the API has no row here.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    /** A stream id as both providers mint them (Vonage's SDK refuses anything but a UUID). */
    private static final String STREAM_ID = Api.connectionId();

    /** Caller kinds, in the column order of the table below. */
    static final List<String> CALLERS = List.of("patient", "provider", "observer", "admin", "service", "outsider",
            "anonymous");

    enum Needs {
        SESSION,
        /** the patient has consented to recording */
        CONSENT,
        /** the patient has consented to broadcasting */
        BROADCAST_CONSENT,
        RECORDING,
        BROADCAST,
        /** the session has a waiting room */
        WAITING_ROOM,
        /** the session has ended */
        ENDED,
        /** the service has invited a guest (an open invite, and its code) */
        INVITE,
        /** the service has dialled the patient's phone into the session */
        PHONE_CALL,
        /** the service has turned live captions on */
        CAPTIONS
    }

    /** {@code template} is the operation as OpenAPI names it: {@code METHOD /path/{param}}. */
    record Endpoint(String template, Object body, Needs needs, int... expected) {
        String method() {
            return template.substring(0, template.indexOf(' '));
        }
    }

    record Fixture(String sessionId, String connectionId, String recordingId, String broadcastId, String chatRoomId,
            String consultationId, String inviteId, String inviteCode, String callId, String captionsId) {

        /** The body with {@code {consultationId}} and {@code {code}} standing for the fixture's. */
        Object body(Object body) {
            if (body instanceof Map<?, ?> fields) {
                Map<Object, Object> filled = new LinkedHashMap<>();
                fields.forEach((k, v) -> filled.put(k, "{consultationId}".equals(v) ? consultationId
                        : "{code}".equals(v) ? inviteCode : v));
                return filled;
            }
            return body;
        }

        String path(String template) {
            return template.substring(template.indexOf(' ') + 1)
                    .replace("{sessionId}", sessionId)
                    .replace("{connectionId}", connectionId)
                    .replace("{recordingId}", String.valueOf(recordingId))
                    .replace("{broadcastId}", String.valueOf(broadcastId))
                    .replace("{chatRoomId}", chatRoomId)
                    .replace("{inviteId}", String.valueOf(inviteId))
                    .replace("{callId}", String.valueOf(callId))
                    .replace("{captionsId}", String.valueOf(captionsId))
                    .replace("{streamId}", STREAM_ID)
                    .replace("/entitlements/{userId}", "/entitlements/mx-pat")
                    .replace("{userId}", "mx-extra");
        }
    }

    static final String S = "/api/videocall/sessions/{sessionId}";
    static final String R = "/api/videocall/recordings/{recordingId}";
    static final String B = "/api/videocall/broadcasts/{broadcastId}";

    static final List<Endpoint> ENDPOINTS = List.of(
            //                                                                                   pat  prov  obs  adm  svc  out  anon
            new Endpoint("POST /api/videocall/sessions", Map.of("name", "New"), Needs.SESSION, 403, 201, 403, 403, 201, 201, 401),
            // the consultation of an active session: its participants and the operators get it, anyone else 409
            new Endpoint("POST /api/videocall/sessions", Map.of("name", "Again", "consultationId", "{consultationId}"),
                    Needs.SESSION, 403, 200, 403, 403, 200, 409, 401),
            new Endpoint("GET /api/videocall/sessions", null, Needs.SESSION, 200, 200, 200, 200, 200, 200, 401),
            new Endpoint("GET " + S, null, Needs.SESSION, 200, 200, 200, 200, 200, 404, 401),
            new Endpoint("DELETE " + S, null, Needs.SESSION, 403, 204, 403, 204, 204, 404, 401),
            new Endpoint("POST " + S + "/participants", Map.of("userId", "mx-new", "role", "observer"), Needs.SESSION,
                    403, 201, 403, 201, 201, 404, 401),
            new Endpoint("DELETE " + S + "/participants/{userId}", null, Needs.SESSION, 403, 204, 403, 204, 204, 404, 401),
            new Endpoint("POST " + S + "/token", null, Needs.SESSION, 201, 201, 201, 403, 403, 404, 401),
            new Endpoint("GET " + S + "/connections", null, Needs.SESSION, 200, 200, 200, 200, 200, 404, 401),
            new Endpoint("DELETE " + S + "/connections/{connectionId}", null, Needs.SESSION, 403, 204, 403, 204, 403, 404, 401),
            new Endpoint("POST " + S + "/mute", Map.of(), Needs.SESSION, 403, 204, 403, 204, 403, 404, 401),
            new Endpoint("POST " + S + "/streams/{streamId}/mute", null, Needs.SESSION, 403, 204, 403, 204, 403, 404, 401),
            new Endpoint("POST " + S + "/signals", Map.of("type", "chat", "data", "hi"), Needs.SESSION,
                    204, 204, 204, 403, 403, 404, 401),
            new Endpoint("GET " + S + "/events", null, Needs.SESSION, 200, 200, 200, 200, 200, 404, 401),
            // the live feed of an ended session: who may read the events page gets a stream that closes at once
            new Endpoint("GET " + S + "/live", null, Needs.ENDED, 200, 200, 200, 200, 200, 404, 401),
            new Endpoint("GET " + S + "/analytics", null, Needs.SESSION, 200, 200, 200, 200, 200, 404, 401),
            new Endpoint("POST " + S + "/quality", Map.of("roundTripMs", 10), Needs.SESSION, 202, 202, 202, 403, 403, 404, 401),
            new Endpoint("GET /api/videocall/chat-rooms/{chatRoomId}/events", null, Needs.SESSION,
                    200, 200, 200, 200, 200, 404, 401),
            new Endpoint("PUT " + S + "/consent", Map.of("recording", true), Needs.SESSION, 200, 200, 200, 403, 403, 404, 401),
            new Endpoint("PUT " + S + "/consent", Map.of("broadcast", true), Needs.SESSION, 200, 200, 200, 403, 403, 404, 401),
            new Endpoint("GET " + S + "/consent", null, Needs.SESSION, 200, 200, 200, 200, 200, 404, 401),
            new Endpoint("POST " + S + "/recordings", Map.of(), Needs.CONSENT, 403, 201, 403, 403, 201, 404, 401),
            new Endpoint("GET " + S + "/recordings", null, Needs.RECORDING, 200, 200, 200, 200, 200, 404, 401),
            new Endpoint("GET " + R, null, Needs.RECORDING, 200, 200, 200, 200, 200, 404, 401),
            new Endpoint("POST " + R + "/stop", null, Needs.RECORDING, 403, 200, 403, 200, 200, 404, 401),
            // still recording: those who may download or delete are told it is not possible yet
            new Endpoint("GET " + R + "/download", null, Needs.RECORDING, 409, 409, 409, 409, 403, 404, 401),
            new Endpoint("DELETE " + R, null, Needs.RECORDING, 403, 409, 403, 409, 403, 404, 401),
            new Endpoint("PUT " + R + "/layout", Map.of("type", "pip"), Needs.RECORDING, 403, 200, 403, 200, 200, 404, 401),
            new Endpoint("POST " + S + "/broadcasts", Map.of("hls", Map.of()), Needs.BROADCAST_CONSENT,
                    403, 201, 403, 403, 201, 404, 401),
            // without the patient's broadcast consent, those who may broadcast are told so; recording consent is not it
            new Endpoint("POST " + S + "/broadcasts", Map.of("hls", Map.of()), Needs.CONSENT,
                    403, 409, 403, 403, 409, 404, 401),
            new Endpoint("GET " + S + "/broadcasts", null, Needs.BROADCAST, 200, 200, 200, 200, 200, 404, 401),
            new Endpoint("GET " + B, null, Needs.BROADCAST, 200, 200, 200, 200, 200, 404, 401),
            new Endpoint("POST " + B + "/stop", null, Needs.BROADCAST, 403, 200, 403, 200, 200, 404, 401),
            new Endpoint("PUT " + B + "/layout", Map.of("type", "pip"), Needs.BROADCAST, 403, 200, 403, 200, 200, 404, 401),
            // the waiting room: patients and observers check in for themselves; providers and service decide
            new Endpoint("POST " + S + "/waiting-room", null, Needs.WAITING_ROOM, 202, 403, 202, 403, 403, 404, 401),
            new Endpoint("GET " + S + "/waiting-room", null, Needs.WAITING_ROOM, 200, 200, 200, 200, 200, 404, 401),
            new Endpoint("POST " + S + "/waiting-room/{userId}/admit", null, Needs.WAITING_ROOM,
                    403, 200, 403, 403, 200, 404, 401),
            new Endpoint("POST " + S + "/waiting-room/{userId}/decline", Map.of("reason", "Later today"),
                    Needs.WAITING_ROOM, 403, 200, 403, 403, 200, 404, 401),
            new Endpoint("POST " + S + "/waiting-room/{userId}/send-back", null, Needs.WAITING_ROOM,
                    403, 200, 403, 403, 200, 404, 401),
            // a patient's own plan: the patient reads it; only the platform sets it
            new Endpoint("PUT /api/videocall/entitlements/{userId}", Map.of("plan", "premium"), Needs.SESSION,
                    403, 403, 403, 200, 200, 403, 401),
            new Endpoint("GET /api/videocall/entitlements/{userId}", null, Needs.SESSION, 200, 404, 404, 200, 200, 404, 401),
            // guest invites: the session's providers and service invite; admin lists and revokes but joins nothing
            new Endpoint("POST " + S + "/invites", Map.of("displayName", "Interpreter"), Needs.SESSION,
                    403, 201, 403, 403, 201, 404, 401),
            new Endpoint("GET " + S + "/invites", null, Needs.INVITE, 403, 200, 403, 200, 200, 404, 401),
            new Endpoint("DELETE /api/videocall/invites/{inviteId}", null, Needs.INVITE, 403, 204, 403, 204, 204, 404, 401),
            // the code is the credential: whoever holds it joins, with or without a JWT, which grants nothing here
            new Endpoint("POST /api/videocall/invites/redeem", Map.of("code", "{code}", "displayName", "Guest"),
                    Needs.INVITE, 201, 201, 201, 201, 201, 201, 201),
            // phone calls: the session's providers and service dial; admin hangs up as it disconnects, sends no digits
            new Endpoint("POST " + S + "/phone-calls", Map.of("to", "+15551234567", "userId", "mx-pat"), Needs.SESSION,
                    403, 201, 403, 403, 201, 404, 401),
            new Endpoint("GET " + S + "/phone-calls", null, Needs.PHONE_CALL, 200, 200, 200, 200, 200, 404, 401),
            new Endpoint("DELETE /api/videocall/phone-calls/{callId}", null, Needs.PHONE_CALL,
                    403, 204, 403, 204, 204, 404, 401),
            new Endpoint("POST /api/videocall/phone-calls/{callId}/dtmf", Map.of("digits", "1#"), Needs.PHONE_CALL,
                    403, 204, 403, 403, 204, 404, 401),
            // live captions: any participant but an observer starts them; providers, the starter and service stop them
            new Endpoint("POST " + S + "/captions", Map.of("languageCode", "en-US"), Needs.SESSION,
                    201, 201, 403, 403, 201, 404, 401),
            new Endpoint("GET " + S + "/captions", null, Needs.CAPTIONS, 200, 200, 200, 200, 200, 404, 401),
            new Endpoint("POST /api/videocall/captions/{captionsId}/stop", null, Needs.CAPTIONS,
                    403, 200, 403, 403, 200, 404, 401));

    static Map<String, String> jwts() {
        Map<String, String> jwts = new LinkedHashMap<>();
        jwts.put("patient", TestJwt.token("mx-pat", "patient"));
        jwts.put("provider", TestJwt.token("mx-dr", "provider"));
        // a patient-role JWT whose participation is observer
        jwts.put("observer", TestJwt.token("mx-obs", "patient"));
        jwts.put("admin", TestJwt.token("mx-admin", "admin"));
        jwts.put("service", TestJwt.token("mx-svc", "service"));
        jwts.put("outsider", TestJwt.token("mx-outsider", "provider"));
        jwts.put("anonymous", null);
        return jwts;
    }

    static Fixture fresh(Needs needs) {
        Api.plan("mx-pat", "premium", null);
        String chatRoom = Api.uniqueId("room");
        String consultation = Api.uniqueId("c");
        String service = TestJwt.token("mx-svc", "service");
        String sessionId = Api.as(service)
                .body(Map.of("name", "Matrix", "chatRoomId", chatRoom, "consultationId", consultation,
                        "waitingRoom", needs == Needs.WAITING_ROOM, "participants", List.of(
                        Map.of("userId", "mx-dr", "role", "provider"),
                        Map.of("userId", "mx-pat", "role", "patient"),
                        Map.of("userId", "mx-obs", "role", "observer"),
                        Map.of("userId", "mx-extra", "role", "observer"))))
                .post(SESSIONS).then().statusCode(201).extract().path("sessionId");
        String connectionId = Emulator.connect(sessionId, Api.connectionId());
        String recordingId = null;
        String broadcastId = null;
        if (needs == Needs.CONSENT || needs == Needs.RECORDING) {
            Api.consent(sessionId, "mx-pat", "patient", true);
        }
        if (needs == Needs.RECORDING) {
            recordingId = Api.as(service).body(Map.of()).post(SESSIONS + "/" + sessionId + "/recordings").then()
                    .statusCode(201).extract().path("recordingId");
        }
        if (needs == Needs.BROADCAST_CONSENT || needs == Needs.BROADCAST) {
            Api.consentToBroadcast(sessionId, "mx-pat", "patient", true);
        }
        if (needs == Needs.BROADCAST) {
            broadcastId = Api.as(service).body(Map.of("hls", Map.of())).post(SESSIONS + "/" + sessionId + "/broadcasts")
                    .then().statusCode(201).extract().path("broadcastId");
        }
        if (needs == Needs.ENDED) {
            Api.as(service).delete(SESSIONS + "/" + sessionId).then().statusCode(204);
        }
        String inviteId = null;
        String inviteCode = null;
        if (needs == Needs.INVITE) {
            var invite = Api.as(service).body(Map.of("displayName", "Interpreter"))
                    .post(SESSIONS + "/" + sessionId + "/invites").then().statusCode(201).extract();
            inviteId = invite.path("inviteId");
            inviteCode = invite.path("code");
        }
        String callId = null;
        if (needs == Needs.PHONE_CALL) {
            callId = Api.as(service).body(Map.of("to", "+15551234567", "userId", "mx-pat"))
                    .post(SESSIONS + "/" + sessionId + "/phone-calls").then().statusCode(201).extract().path("callId");
        }
        String captionsId = null;
        if (needs == Needs.CAPTIONS) {
            captionsId = Api.as(service).body(Map.of("languageCode", "en-US"))
                    .post(SESSIONS + "/" + sessionId + "/captions").then().statusCode(201).extract().path("captionsId");
        }
        return new Fixture(sessionId, connectionId, recordingId, broadcastId, chatRoom, consultation, inviteId,
                inviteCode, callId, captionsId);
    }

    @TestFactory
    List<DynamicTest> everyEndpointByEveryCaller() {
        List<DynamicTest> cells = new ArrayList<>();
        Map<String, String> jwts = jwts();
        for (Endpoint endpoint : ENDPOINTS) {
            for (int column = 0; column < CALLERS.size(); column++) {
                String caller = CALLERS.get(column);
                int expected = endpoint.expected()[column];
                cells.add(DynamicTest.dynamicTest(endpoint.template() + " as " + caller + " -> " + expected, () -> {
                    Fixture fixture = fresh(endpoint.needs());
                    RequestSpecification request = given().contentType(ContentType.JSON).redirects().follow(false);
                    if (jwts.get(caller) != null) {
                        request.header("Authorization", "Bearer " + jwts.get(caller));
                    }
                    if (endpoint.body() != null) {
                        request.body(fixture.body(endpoint.body()));
                    }
                    var response = request.request(endpoint.method(), fixture.path(endpoint.template()));
                    assertEquals(expected, response.statusCode(),
                            endpoint.template() + " as " + caller + ": " + response.asString());
                    if (expected >= 400) {
                        assertEquals("application/problem+json", response.contentType().split(";")[0]);
                    }
                }));
            }
        }
        return cells;
    }
}
