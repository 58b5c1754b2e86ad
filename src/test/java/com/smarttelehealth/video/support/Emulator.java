package com.smarttelehealth.video.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;

/** The OpenTok emulator's admin API, as tests use it to read what the service sent and to inject faults. */
public final class Emulator {

    public static final String BASE = "/_dev/opentok";

    private Emulator() {
    }

    public static void reset() {
        given().delete(BASE + "/_admin").then().statusCode(204);
    }

    /** The requests the emulator received whose path contains {@code pathPart}. */
    public static List<Map<String, Object>> requests(String pathPart) {
        return given().queryParam("path", pathPart).get(BASE + "/_admin/requests")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    public static Map<String, Object> createRequestFor(String sessionId) {
        return requests("/session/create").stream()
                .filter(r -> sessionId.equals(r.get("createdSessionId")))
                .findFirst().orElseThrow(() -> new AssertionError("no session create recorded for " + sessionId));
    }

    public static void fault(String pathContains, int status, long delayMs, boolean drop, int times) {
        given().contentType(ContentType.JSON)
                .body(Map.of("pathContains", pathContains, "status", status, "delayMs", delayMs, "drop", drop, "times", times))
                .post(BASE + "/_admin/faults").then().statusCode(204);
    }

    public static void clearFaults() {
        given().delete(BASE + "/_admin/faults").then().statusCode(204);
    }

    public static String connect(String sessionId, String connectionId) {
        return given().contentType(ContentType.JSON).body(Map.of("connectionId", connectionId))
                .post(BASE + "/_admin/sessions/" + sessionId + "/connections")
                .then().statusCode(201).extract().path("connectionId");
    }

    public static List<String> liveConnections(String sessionId) {
        return given().get(BASE + "/_admin/sessions/" + sessionId).then().statusCode(200)
                .extract().jsonPath().getList("connections");
    }
}
