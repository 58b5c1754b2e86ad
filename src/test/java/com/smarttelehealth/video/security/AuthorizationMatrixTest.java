package com.smarttelehealth.video.security;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint of sessions, tokens, moderation and events, called by every kind of caller, with
 * the exact status each must get. Each cell runs against a fresh session, so that one cell's effect
 * (ending the session, removing someone) cannot change another's answer.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    /** Caller kinds, in the column order of the table below. */
    static final List<String> CALLERS = List.of("patient", "provider", "observer", "admin", "service", "outsider",
            "anonymous");

    record Endpoint(String name, String method, Function<Fixture, String> path, Object body, int... expected) {
    }

    record Fixture(String sessionId, String connectionId) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            //                                                                               pat  prov  obs  adm  svc  out  anon
            new Endpoint("create session", "POST", f -> SESSIONS, Map.of("name", "New"), 403, 201, 403, 403, 201, 201, 401),
            new Endpoint("list sessions", "GET", f -> SESSIONS, null, 200, 200, 200, 200, 200, 200, 401),
            new Endpoint("get session", "GET", f -> SESSIONS + "/" + f.sessionId(), null, 200, 200, 200, 200, 200, 404, 401),
            new Endpoint("end session", "DELETE", f -> SESSIONS + "/" + f.sessionId(), null, 403, 204, 403, 204, 204, 404, 401),
            new Endpoint("add participant", "POST", f -> SESSIONS + "/" + f.sessionId() + "/participants",
                    Map.of("userId", "mx-new", "role", "observer"), 403, 201, 403, 201, 201, 404, 401),
            new Endpoint("remove participant", "DELETE", f -> SESSIONS + "/" + f.sessionId() + "/participants/mx-extra",
                    null, 403, 204, 403, 204, 204, 404, 401),
            new Endpoint("issue token", "POST", f -> SESSIONS + "/" + f.sessionId() + "/token", null,
                    201, 201, 201, 403, 403, 404, 401),
            new Endpoint("force disconnect", "DELETE", f -> SESSIONS + "/" + f.sessionId() + "/connections/" + f.connectionId(),
                    null, 403, 204, 403, 204, 403, 404, 401),
            new Endpoint("mute all", "POST", f -> SESSIONS + "/" + f.sessionId() + "/mute", Map.of(),
                    403, 204, 403, 204, 403, 404, 401),
            new Endpoint("mute stream", "POST", f -> SESSIONS + "/" + f.sessionId() + "/streams/stream-1/mute", null,
                    403, 204, 403, 204, 403, 404, 401),
            new Endpoint("send signal", "POST", f -> SESSIONS + "/" + f.sessionId() + "/signals",
                    Map.of("type", "chat", "data", "hi"), 204, 204, 204, 403, 403, 404, 401),
            new Endpoint("list events", "GET", f -> SESSIONS + "/" + f.sessionId() + "/events", null,
                    200, 200, 200, 200, 200, 404, 401));

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

    static Fixture freshSession() {
        Api.plan("mx-pat", "premium", null);
        String sessionId = Api.as(TestJwt.token("mx-svc", "service"))
                .body(Map.of("name", "Matrix", "participants", List.of(
                        Map.of("userId", "mx-dr", "role", "provider"),
                        Map.of("userId", "mx-pat", "role", "patient"),
                        Map.of("userId", "mx-obs", "role", "observer"),
                        Map.of("userId", "mx-extra", "role", "observer"))))
                .post(SESSIONS).then().statusCode(201).extract().path("sessionId");
        String connectionId = Emulator.connect(sessionId, Api.uniqueId("conn"));
        return new Fixture(sessionId, connectionId);
    }

    @TestFactory
    List<DynamicTest> everyEndpointByEveryCaller() {
        List<DynamicTest> cells = new ArrayList<>();
        Map<String, String> jwts = jwts();
        for (Endpoint endpoint : ENDPOINTS) {
            for (int column = 0; column < CALLERS.size(); column++) {
                String caller = CALLERS.get(column);
                int expected = endpoint.expected()[column];
                cells.add(DynamicTest.dynamicTest(endpoint.name() + " as " + caller + " -> " + expected, () -> {
                    Fixture fixture = freshSession();
                    RequestSpecification request = given().contentType(ContentType.JSON);
                    if (jwts.get(caller) != null) {
                        request.header("Authorization", "Bearer " + jwts.get(caller));
                    }
                    if (endpoint.body() != null) {
                        request.body(endpoint.body());
                    }
                    var response = request.request(endpoint.method(), endpoint.path().apply(fixture));
                    assertEquals(expected, response.statusCode(),
                            endpoint.name() + " as " + caller + ": " + response.asString());
                    if (expected >= 400) {
                        assertEquals("application/problem+json", response.contentType().split(";")[0]);
                    }
                }));
            }
        }
        return cells;
    }
}
