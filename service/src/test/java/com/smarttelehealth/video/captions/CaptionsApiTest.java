package com.smarttelehealth.video.captions;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;
import com.smarttelehealth.video.support.TestProvider;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Live captions from the outside: what the provider was asked, one at a time, the status callback, and who may. */
@QuarkusTest
class CaptionsApiTest {

    private final String provider = TestJwt.token("dr-cc", "provider");

    @Test
    void aPatientTurnsCaptionsOnAndAProviderTurnsThemOff() throws Exception {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-cc", List.of(patient), List.of());
        String patientJwt = TestJwt.token(patient, "patient");
        int before = Emulator.requests("/captions").size();
        Response started = start(patientJwt, sessionId, Map.of("languageCode", "en-US"));
        started.then().statusCode(201).body("status", equalTo("started")).body("languageCode", equalTo("en-US"))
                .body("maxDurationSeconds", equalTo(14400)).body("partialCaptions", equalTo(true))
                .body("startedBy", equalTo(patient)).body("sessionId", equalTo(sessionId))
                .body("stoppedAt", equalTo(null));
        String captionsId = started.path("captionsId");

        Map<String, Object> sent = Emulator.lastBody("/captions", "POST");
        assertEquals(sessionId, sent.get("sessionId"));
        assertEquals("en-US", sent.get("languageCode"));
        assertEquals(14400, sent.get("maxDuration"));
        assertEquals(Boolean.TRUE, sent.get("partialCaptions"));
        Map<String, String> token = TestProvider.decodeToken(String.valueOf(sent.get("token")));
        assertEquals("moderator", token.get("role"));
        Map<?, ?> data = new ObjectMapper().readValue(token.get("connection_data"), Map.class);
        assertEquals(patient, data.get("userId"), "the transcriber stands for whoever asked: the door lets it in");
        assertEquals(Boolean.TRUE, data.get("captions"));

        // one at a time
        start(provider, sessionId, Map.of("languageCode", "fr-FR")).then().statusCode(409)
                .body("type", equalTo("/problems/conflict"));
        assertEquals(before + 1, Emulator.requests("/captions").size(), "the second start never reached the provider");

        // another patient may not stop them; a provider may
        String other = uniqueId("pat");
        as(provider).body(Map.of("userId", other, "role", "patient")).post(SESSIONS + "/" + sessionId + "/participants")
                .then().statusCode(201);
        as(TestJwt.token(other, "patient")).post("/api/videocall/captions/" + captionsId + "/stop").then().statusCode(403);
        as(provider).post("/api/videocall/captions/" + captionsId + "/stop").then().statusCode(200)
                .body("status", equalTo("stopped")).body("stoppedAt", notNullValue());
        as(provider).post("/api/videocall/captions/" + captionsId + "/stop").then().statusCode(200);
        assertEquals(1, Emulator.requests("/captions/" + captionsId + "/stop").size(), "stopped once at the provider");
        as(provider).queryParam("type", "captions_started").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items[0].actorId", equalTo(patient)).body("items[0].details.captionsId", equalTo(captionsId));
        as(provider).queryParam("type", "captions_stopped").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1)).body("items[0].actorId", equalTo("dr-cc"));

        // and on again, in Spanish (which the Vonage SDK's enum lacks: its REST endpoint is used)
        start(patientJwt, sessionId, Map.of("languageCode", "es-us", "maxDurationSeconds", 600, "partialCaptions", false))
                .then().statusCode(201).body("languageCode", equalTo("es-US"));
        Map<String, Object> spanish = Emulator.lastBody("/captions", "POST");
        assertEquals("es-US", spanish.get("languageCode"));
        assertEquals(600, spanish.get("maxDuration"));
        assertEquals(Boolean.FALSE, spanish.get("partialCaptions"));
        as(patientJwt).get(SESSIONS + "/" + sessionId + "/captions").then().statusCode(200).body("total", equalTo(2))
                .body("items.status", equalTo(List.of("stopped", "started")));
    }

    @Test
    void theStatusCallbackMovesThemAndEndingTheSessionStopsThem() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-cc", List.of(patient), List.of());
        String captionsId = start(provider, sessionId, Map.of("languageCode", "de-DE")).then().statusCode(201).extract()
                .path("captionsId");
        status(sessionId, captionsId, "paused");
        captions(sessionId).body("items[0].status", equalTo("paused"));
        status(sessionId, captionsId, "started");
        captions(sessionId).body("items[0].status", equalTo("started"));

        as(provider).delete(SESSIONS + "/" + sessionId).then().statusCode(204);
        Api.awaitCleanup(sessionId);
        assertEquals(1, Emulator.requests("/captions/" + captionsId + "/stop").size(), "the end stopped them");
        captions(sessionId).body("items[0].status", equalTo("stopped"));
        status(sessionId, captionsId, "started"); // late: changes nothing
        captions(sessionId).body("items[0].status", equalTo("stopped"));
        as(provider).queryParam("type", "captions_stopped").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1)).body("items[0].details.reason", equalTo("session_ended"));

        String failing = Api.consultation("dr-cc", List.of(), List.of());
        String failed = start(provider, failing, Map.of("languageCode", "en-GB")).then().statusCode(201).extract()
                .path("captionsId");
        status(failing, failed, "failed");
        captions(failing).body("items[0].status", equalTo("failed"));
        // our slot is free again: the next start is asked of the provider (whose emulator still has them on: 409)
        int asked = Emulator.requests("/captions").size();
        start(provider, failing, Map.of("languageCode", "en-GB")).then().statusCode(409);
        assertEquals(asked + 1, Emulator.requests("/captions").size());
    }

    @Test
    void whoMayStartThemAndWhatIsChecked() {
        String patient = uniqueId("pat");
        String observer = uniqueId("obs");
        String sessionId = Api.consultation("dr-cc", List.of(patient), List.of(observer));
        start(TestJwt.token(observer, "patient"), sessionId, Map.of("languageCode", "en-US")).then().statusCode(403);
        start(TestJwt.token("ops", "admin"), sessionId, Map.of("languageCode", "en-US")).then().statusCode(403);
        String outsider = start(TestJwt.token("dr-else", "provider"), sessionId, Map.of("languageCode", "en-US")).then()
                .statusCode(404).extract().asString();
        assertEquals(false, outsider.contains(sessionId));
        start(provider, sessionId, Map.of("languageCode", "xx-XX")).then().statusCode(400)
                .body("errors.field", hasItem("languageCode"));
        start(provider, sessionId, Map.of("languageCode", "en-US", "maxDurationSeconds", 299)).then().statusCode(400)
                .body("errors.field", hasItem("maxDurationSeconds"));
        start(provider, sessionId, Map.of("languageCode", "en-US", "maxDurationSeconds", 14401)).then().statusCode(400);
        as(provider).post(SESSIONS + "/" + sessionId + "/captions").then().statusCode(400);
        String captionsId = start(TestJwt.token("backend", "service"), sessionId, Map.of("languageCode", "ja-JP")).then()
                .statusCode(201).extract().path("captionsId");
        as(TestJwt.token("dr-else", "provider")).post("/api/videocall/captions/" + captionsId + "/stop").then()
                .statusCode(404);
        as(provider).post("/api/videocall/captions/not-captions/stop").then().statusCode(404);

        String relayed = as(provider).body(Map.of("name", "P2P", "mediaMode", "relayed")).post(SESSIONS).then()
                .statusCode(201).extract().path("sessionId");
        start(provider, relayed, Map.of("languageCode", "en-US")).then().statusCode(409)
                .body("type", equalTo("/problems/not-recordable"));
        as(provider).delete(SESSIONS + "/" + relayed).then().statusCode(204);
        start(provider, relayed, Map.of("languageCode", "en-US")).then().statusCode(409)
                .body("type", equalTo("/problems/session-ended"));
    }

    @Test
    void concurrentStartsTurnOneOn() throws Exception {
        String sessionId = Api.consultation("dr-cc", List.of(), List.of());
        int before = Emulator.requests("/captions").size();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> starts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                starts.add(() -> start(provider, sessionId, Map.of("languageCode", "en-US")).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : pool.invokeAll(starts)) {
                statuses.add(answer.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 1, Emulator.requests("/captions").size(), "one start reached the provider");
        captions(sessionId).body("total", equalTo(1));
    }

    private static Response start(String jwt, String sessionId, Map<String, Object> body) {
        return as(jwt).body(body).post(SESSIONS + "/" + sessionId + "/captions");
    }

    private io.restassured.response.ValidatableResponse captions(String sessionId) {
        return as(provider).get(SESSIONS + "/" + sessionId + "/captions").then().statusCode(200);
    }

    /** The provider's captions status callback, signed as every callback. */
    private static void status(String sessionId, String captionsId, String status) {
        long now = System.currentTimeMillis();
        Callbacks.post("{\"captionId\":\"" + captionsId + "\",\"applicationId\":\"" + TestProvider.clientKey()
                + "\",\"sessionId\":\"" + sessionId + "\",\"status\":\"" + status + "\",\"createdAt\":" + now
                + ",\"updatedAt\":" + now + ",\"duration\":1,\"languageCode\":\"en-US\",\"provider\":\"aws-transcribe\"}")
                .then().statusCode(204);
    }
}
