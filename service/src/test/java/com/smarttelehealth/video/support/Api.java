package com.smarttelehealth.video.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Small helpers to call the API as a given user. */
public final class Api {

    public static final String SESSIONS = "/api/videocall/sessions";

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private Api() {
    }

    public static RequestSpecification as(String jwt) {
        return given().header("Authorization", "Bearer " + jwt).contentType(ContentType.JSON);
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new connection or stream id as both providers mint them (Vonage's are UUIDs, and its SDK checks). */
    public static String connectionId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Waits until the session's steps at the provider are done, as its view says ({@code cleanup: done}). A request
     * that ends a call, removes someone or cuts a connection answers once its change is committed, and the step at
     * the provider runs beside the answer.
     */
    public static void awaitCleanup(String sessionId) {
        CleanupState.explainTimeout(sessionId, () -> Awaitility.await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(() -> "done".equals(as(TestJwt.token("ops", "admin"))
                        .get(SESSIONS + "/" + sessionId).then().statusCode(200).extract().path("cleanup"))));
    }

    /** Sets a user's video plan, as the platform's backend does. */
    public static void plan(String userId, String plan, Integer monthlyMinutes) {
        Map<String, Object> body = new HashMap<>();
        body.put("plan", plan);
        if (monthlyMinutes != null) {
            body.put("monthlyMinutes", monthlyMinutes);
        }
        as(TestJwt.token("plans-backend", "service")).body(body).put("/api/videocall/entitlements/" + userId)
                .then().statusCode(200);
    }

    /** The patient gives recording consent in the session. */
    public static void consent(String sessionId, String userId, String group, boolean consent) {
        as(TestJwt.token(userId, group)).body(Map.of("recording", consent)).put(SESSIONS + "/" + sessionId + "/consent")
                .then().statusCode(200);
    }

    /** The patient gives (or withdraws) broadcast consent in the session; recording consent is apart from it. */
    public static void consentToBroadcast(String sessionId, String userId, String group, boolean consent) {
        as(TestJwt.token(userId, group)).body(Map.of("broadcast", consent)).put(SESSIONS + "/" + sessionId + "/consent")
                .then().statusCode(200).body("broadcast", org.hamcrest.Matchers.equalTo(consent));
    }

    /** A consultation session created by provider {@code providerId} with the given patients and observers. */
    public static String consultation(String providerId, List<String> patients, List<String> observers) {
        List<Map<String, Object>> participants = new ArrayList<>();
        patients.forEach(p -> participants.add(Map.of("userId", p, "role", "patient", "displayName", "Patient " + p)));
        patients.forEach(p -> plan(p, "premium", null));
        observers.forEach(o -> participants.add(Map.of("userId", o, "role", "observer")));
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Consultation");
        body.put("consultationId", uniqueId("c"));
        body.put("participants", participants);
        return as(TestJwt.token(providerId, "provider")).body(body).post(SESSIONS)
                .then().statusCode(201).extract().path("sessionId");
    }
}
