package com.smarttelehealth.video.token;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.TestJwt;
import com.smarttelehealth.video.support.TestProvider;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
class TokenApiTest {


    /** Clients send an empty POST in every framing: no length, a length of zero, with and without a type. */
    @Test
    void anEmptyBodyInAnyFramingGetsTheDefaultToken() throws Exception {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-empty", List.of(patient), List.of());
        String jwt = TestJwt.token(patient, "patient");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + SESSIONS + "/"
                + sessionId + "/token");
        for (String type : List.of("", "application/json")) {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + jwt).POST(java.net.http.HttpRequest.BodyPublishers.noBody());
            if (!type.isEmpty()) {
                request.header("Content-Type", type);
            }
            java.net.http.HttpResponse<String> response = http.send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(201, response.statusCode(), "Content-Length: 0, type '" + type + "': " + response.body());
        }
        as(jwt).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201).body("role", equalTo("publisher"));
    }

    @Test
    void issuesADecodableClientTokenWithServerSetConnectionData() throws Exception {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-t1", List.of(patient), List.of());
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // connection data is the server's to set: a client that tries to give it is refused, naming the field
        as(TestJwt.named(patient, "Someone Else", "patient"))
                .body(Map.of("expiresInSeconds", 600, "connectionData", "{\"userId\":\"admin\"}"))
                .post(SESSIONS + "/" + sessionId + "/token").then().statusCode(400)
                .body("type", equalTo("/problems/validation-failed")).body("errors.field", hasItem("connectionData"));
        as(TestJwt.named(patient, "Someone Else", "patient")).body(Map.of("userId", "admin"))
                .post(SESSIONS + "/" + sessionId + "/token").then().statusCode(400).body("errors.field", hasItem("userId"));
        ExtractableResponse<Response> response = as(TestJwt.named(patient, "Someone Else", "patient"))
                .body(Map.of("expiresInSeconds", 600, "layoutClasses", List.of("focus")))
                .post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("token", startsWith(TestProvider.tokenPrefix()))
                .body("apiKey", equalTo(TestProvider.clientKey()))
                .body("sessionId", equalTo(sessionId))
                .body("role", equalTo("publisher"))
                .body("connectionData.userId", equalTo(patient))
                .body("connectionData.displayName", equalTo("Patient " + patient))
                .body("connectionData.role", equalTo("patient"))
                .extract();

        Map<String, String> token = TestProvider.decodeToken(response.path("token"));
        assertEquals(sessionId, token.get("session_id"));
        assertEquals("publisher", token.get("role"));
        assertEquals("focus", token.get("initial_layout_class_list"));
        long expire = Long.parseLong(token.get("expire_time"));
        assertTrue(expire >= before.getEpochSecond() + 600 && expire <= Instant.now().getEpochSecond() + 601, "expiry");
        assertEquals(Instant.parse(response.path("expiresAt")).getEpochSecond(), expire);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = new ObjectMapper().readValue(token.get("connection_data"), Map.class);
        assertEquals(Map.of("userId", patient, "displayName", "Patient " + patient, "role", "patient"), data);

        as(TestJwt.token(patient, "patient")).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.type", hasItem("token_issued"))
                .body(not(org.hamcrest.Matchers.containsString(TestProvider.tokenPrefix())));
    }


    /**
     * Concurrent requests share the database's statements (the facts of many callers in one read, their
     * {@code token_issued} rows in one insert): each must still get its own answer, and each issued token
     * exactly one event.
     */
    @Test
    void concurrentRequestsEachGetTheirOwnAnswerAndEachTokenOneEvent() throws Exception {
        List<String> patientsA = List.of(uniqueId("pat"), uniqueId("pat"), uniqueId("pat"));
        List<String> patientsB = List.of(uniqueId("pat"), uniqueId("pat"));
        String observer = uniqueId("obs");
        String removed = uniqueId("pat");
        String sessionA = Api.consultation("dr-t6", List.of(patientsA.get(0), patientsA.get(1), patientsA.get(2), removed),
                List.of(observer));
        String sessionB = Api.consultation("dr-t7", patientsB, List.of());
        String ended = Api.consultation("dr-t8", List.of(uniqueId("pat")), List.of());
        as(TestJwt.token("dr-t6", "provider")).delete(SESSIONS + "/" + sessionA + "/participants/" + removed).then()
                .statusCode(204);
        as(TestJwt.token("dr-t8", "provider")).delete(SESSIONS + "/" + ended).then().statusCode(204);

        // who asks, in which session, and what they must get: [user, session, status, role]
        List<String[]> calls = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            patientsA.forEach(p -> calls.add(new String[] { p, sessionA, "201", "publisher" }));
            patientsB.forEach(p -> calls.add(new String[] { p, sessionB, "201", "publisher" }));
            calls.add(new String[] { observer, sessionA, "201", "subscriber" });
            calls.add(new String[] { "dr-t7", sessionB, "201", "moderator" });
            calls.add(new String[] { patientsA.get(0), sessionB, "404", null });
            calls.add(new String[] { removed, sessionA, "404", null });
            calls.add(new String[] { "dr-t8", ended, "409", null });
        }
        Collections.shuffle(calls, new Random(42));
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (String[] call : calls) {
                String group = call[0].startsWith("dr-") ? "provider" : "patient";
                answers.add(pool.submit(() -> {
                    start.await();
                    return as(TestJwt.token(call[0], group)).post(SESSIONS + "/" + call[1] + "/token");
                }));
            }
            start.countDown();
            for (int i = 0; i < calls.size(); i++) {
                String[] call = calls.get(i);
                Response answer = answers.get(i).get(30, TimeUnit.SECONDS);
                String who = String.join(" ", call[0], call[1]);
                assertEquals(Integer.parseInt(call[2]), answer.statusCode(), who);
                if (call[3] != null) {
                    assertEquals(call[1], answer.path("sessionId"), who);
                    assertEquals(call[3], answer.path("role"), who);
                    assertEquals(call[0], answer.path("connectionData.userId"), who);
                    Map<String, String> token = TestProvider.decodeToken(answer.path("token"));
                    assertEquals(call[1], token.get("session_id"), who);
                    assertEquals(call[3], token.get("role"), who);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(6 * 4, tokensIssued("dr-t6", sessionA));
        assertEquals(6 * 3, tokensIssued("dr-t7", sessionB));
        assertEquals(0, tokensIssued("dr-t8", ended));
    }

    private static int tokensIssued(String provider, String sessionId) {
        return as(TestJwt.token(provider, "provider")).get(SESSIONS + "/" + sessionId + "/events?type=token_issued")
                .then().statusCode(200).extract().path("total");
    }

    @Test
    void theRoleFollowsTheParticipantRoleWithItsCeiling() throws Exception {
        String patient = uniqueId("pat");
        String observer = uniqueId("obs");
        String sessionId = Api.consultation("dr-t2", List.of(patient), List.of(observer));
        String token = SESSIONS + "/" + sessionId + "/token";

        assertEquals("moderator", TestProvider.decodeToken(as(TestJwt.token("dr-t2", "provider")).post(token).then().statusCode(201)
                .body("role", equalTo("moderator")).extract().path("token")).get("role"));
        as(TestJwt.token("dr-t2", "provider")).body(Map.of("role", "subscriber")).post(token).then().statusCode(201)
                .body("role", equalTo("subscriber"));
        as(TestJwt.token(patient, "patient")).body(Map.of("role", "Moderator")).post(token).then().statusCode(403)
                .body("type", equalTo("/problems/forbidden"));
        as(TestJwt.token(patient, "patient")).body(Map.of("role", "subscriber")).post(token).then().statusCode(201);
        // an observer takes part with whatever JWT groups they have: the participant role decides
        assertEquals("subscriber", TestProvider.decodeToken(as(TestJwt.token(observer, "patient")).post(token).then().statusCode(201)
                .body("role", equalTo("subscriber")).body("connectionData.role", equalTo("observer"))
                .extract().path("token")).get("role"));
        as(TestJwt.token(observer, "provider")).body(Map.of("role", "publisher")).post(token).then().statusCode(403);
    }

    @Test
    void validatesTheBody() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-t3", List.of(patient), List.of());
        String token = SESSIONS + "/" + sessionId + "/token";
        String jwt = TestJwt.token(patient, "patient");
        as(jwt).body(Map.of("expiresInSeconds", 59)).post(token).then().statusCode(400)
                .body("errors.field", hasItem("expiresInSeconds"));
        as(jwt).body(Map.of("expiresInSeconds", 86401)).post(token).then().statusCode(400)
                .body("errors.field", hasItem("expiresInSeconds"));
        as(jwt).body(Map.of("expiresInSeconds", "soon")).post(token).then().statusCode(400)
                .body("errors.field", hasItem("expiresInSeconds"));
        as(jwt).body(Map.of("role", "owner")).post(token).then().statusCode(400).body("errors.field", hasItem("role"));
        as(jwt).body(Map.of("layoutClasses", List.of("a b"))).post(token).then().statusCode(400)
                .body("errors.field", hasItem("layoutClasses[0]"));
        as(jwt).body(Map.of("expiresInSeconds", 60)).post(token).then().statusCode(201);
        as(jwt).body(Map.of("expiresInSeconds", 86400)).post(token).then().statusCode(201);
    }

    @Test
    void adminAndServiceGetNoToken() {
        String sessionId = Api.consultation("dr-t4", List.of(), List.of());
        as(TestJwt.token("admin-1", "admin")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(403)
                .body("type", equalTo("/problems/forbidden"));
        as(TestJwt.token("svc", "service")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(403);
        as(TestJwt.token("stranger", "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(404);
    }

    @Test
    void theAppointmentWindowEdges() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Duration grace = Duration.ofMinutes(15);
        Duration margin = Duration.ofSeconds(30);
        // opens 15 minutes before startsAt
        assertToken(now.plus(grace).minus(margin), now.plus(Duration.ofHours(1)), 201);
        assertToken(now.plus(grace).plus(margin), now.plus(Duration.ofHours(1)), 403);
        // closes 15 minutes after endsAt
        assertToken(now.minus(Duration.ofHours(1)), now.minus(grace).plus(margin), 201);
        assertToken(now.minus(Duration.ofHours(1)), now.minus(grace).minus(margin), 403);
    }

    private void assertToken(Instant startsAt, Instant endsAt, int status) {
        String patient = uniqueId("pat");
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Appointment");
        body.put("type", "appointment");
        body.put("appointmentId", uniqueId("a"));
        body.put("window", Map.of("startsAt", startsAt.toString(), "endsAt", endsAt.toString()));
        body.put("participants", List.of(Map.of("userId", patient, "role", "patient")));
        String sessionId = as(TestJwt.token("dr-t5", "provider")).body(body).post(SESSIONS).then().statusCode(201)
                .body("window.startsAt", equalTo(startsAt.toString())).extract().path("sessionId");
        var then = as(TestJwt.token(patient, "patient")).post(SESSIONS + "/" + sessionId + "/token").then()
                .statusCode(status);
        if (status == 403) {
            then.body("type", equalTo("/problems/outside-appointment-window"));
        }
    }
}
