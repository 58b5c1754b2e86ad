package com.smarttelehealth.video.recording;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;

@QuarkusTest
class RecordingApiTest {

    private static final String RECORDINGS = "/api/videocall/recordings";
    private final String provider = TestJwt.token("dr-r1", "provider");

    /**
     * The provider's report of a stop (its callback, or a read of its status) can come before the stop's own
     * answer. The stop is still the asker's: who asked, and why, are kept before the provider is asked.
     */
    @Test
    void aReportOfTheStopAheadOfItsAnswerKeepsWhoAskedAndWhy() {
        String patient = uniqueId("pat");
        String sessionId = consentedSession(patient);
        String recordingId = start(sessionId, Map.of());
        Emulator.fault("/archive/" + recordingId + "/stop", 0, 1500, false, 1); // the stop's answer is slow
        try {
            as(TestJwt.token(patient, "patient")).body(Map.of("recording", false))
                    .put(SESSIONS + "/" + sessionId + "/consent").then().statusCode(200);
            // once the stop is at the provider, the provider reports it, and someone reads the recording
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(
                    () -> !Emulator.requests("/archive/" + recordingId + "/stop").isEmpty());
            Callbacks.post(Callbacks.archive(sessionId, recordingId, "stopped", System.currentTimeMillis(), 3, 0))
                    .then().statusCode(204);
            as(provider).get(RECORDINGS + "/" + recordingId).then().statusCode(200)
                    .body("status", equalTo("stopped")).body("reason", equalTo("consent_withdrawn"));
            Api.awaitCleanup(sessionId);
        } finally {
            Emulator.clearFaults();
        }
        as(provider).get(RECORDINGS + "/" + recordingId).then().body("reason", equalTo("consent_withdrawn"));
        as(provider).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.findAll { it.type == 'recording_stopped' }.size()", equalTo(1))
                .body("items.find { it.type == 'recording_stopped' }.details.reason", equalTo("consent_withdrawn"))
                .body("items.find { it.type == 'recording_stopped' }.actorId", equalTo(patient));
    }

    @Test
    void aStopAskedThroughTheApiIsTheAskersEvenWhenTheReportComesFirst() throws Exception {
        String sessionId = consentedSession(uniqueId("pat"));
        String recordingId = start(sessionId, Map.of());
        Emulator.fault("/archive/" + recordingId + "/stop", 0, 1500, false, 1);
        CompletableFuture<Integer> stop = CompletableFuture.supplyAsync(
                () -> as(provider).post(RECORDINGS + "/" + recordingId + "/stop").then().extract().statusCode());
        try {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(
                    () -> !Emulator.requests("/archive/" + recordingId + "/stop").isEmpty());
            Callbacks.post(Callbacks.archive(sessionId, recordingId, "stopped", System.currentTimeMillis(), 3, 0))
                    .then().statusCode(204);
            assertEquals(200, stop.get(10, TimeUnit.SECONDS));
        } finally {
            Emulator.clearFaults();
        }
        as(provider).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.findAll { it.type == 'recording_stopped' }.size()", equalTo(1))
                .body("items.find { it.type == 'recording_stopped' }.actorId", equalTo("dr-r1"));
    }

    /** A session with one patient who has consented. */
    private String consentedSession(String patient) {
        String sessionId = Api.consultation("dr-r1", List.of(patient), List.of());
        Api.consent(sessionId, patient, "patient", true);
        return sessionId;
    }

    private String start(String sessionId, Map<String, Object> body) {
        return as(provider).body(body).post(SESSIONS + "/" + sessionId + "/recordings").then().statusCode(201)
                .extract().path("recordingId");
    }

    @Test
    void everyOptionReachesOpenTokAsSent() {
        String sessionId = consentedSession(uniqueId("pat"));
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Consultation Recording");
        body.put("hasAudio", false);
        body.put("hasVideo", true);
        body.put("outputMode", "COMPOSED");
        body.put("resolution", "1280x720");
        body.put("layout", Map.of("type", "custom", "stylesheet", "stream.instructor {width: 100%}"));
        body.put("streamMode", "manual");
        String recordingId = as(provider).body(body).post(SESSIONS + "/" + sessionId + "/recordings").then()
                .statusCode(201)
                .header("Location", notNullValue())
                .body("sessionId", equalTo(sessionId)).body("name", equalTo("Consultation Recording"))
                .body("status", equalTo("started")).body("outputMode", equalTo("composed"))
                .body("hasAudio", equalTo(false)).body("hasVideo", equalTo(true))
                .body("resolution", equalTo("1280x720")).body("streamMode", equalTo("manual"))
                .body("startedBy", equalTo("dr-r1")).body("createdAt", notNullValue())
                .body("stoppedAt", nullValue()).body("durationSeconds", equalTo(0)).body("sizeBytes", equalTo(0))
                .body("reason", nullValue())
                .extract().path("recordingId");
        Map<String, Object> sent = Emulator.lastBody("/archive", "POST");
        assertEquals(sessionId, sent.get("sessionId"));
        assertEquals("Consultation Recording", sent.get("name"));
        assertEquals(false, sent.get("hasAudio"));
        assertEquals(true, sent.get("hasVideo"));
        assertEquals("composed", sent.get("outputMode"));
        assertEquals("1280x720", sent.get("resolution"));
        assertEquals("manual", sent.get("streamMode"));
        assertEquals(Map.of("type", "custom", "stylesheet", "stream.instructor {width: 100%}"), sent.get("layout"));

        as(provider).post(RECORDINGS + "/" + recordingId + "/stop").then().statusCode(200)
                .body("status", equalTo("stopped")).body("stoppedAt", notNullValue());
        as(provider).post(RECORDINGS + "/" + recordingId + "/stop").then().statusCode(200)
                .body("status", equalTo("stopped"));
        assertEquals(1, Emulator.requests("/archive/" + recordingId + "/stop").size(), "stopped once at OpenTok");

        start(sessionId, Map.of("outputMode", "individual"));
        Map<String, Object> individual = Emulator.lastBody("/archive", "POST");
        assertEquals("individual", individual.get("outputMode"));
        assertFalse(individual.containsKey("layout"), "no layout for individual output");
        as(provider).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.type", hasItem("recording_started"))
                .body("items.type", hasItem("recording_stopped"));
    }

    @Test
    void eachPreconditionAnswersItsSlug() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-r1", List.of(patient), List.of());
        as(provider).body(Map.of()).post(SESSIONS + "/" + sessionId + "/recordings").then().statusCode(409)
                .body("type", equalTo("/problems/consent-required"));
        Api.consent(sessionId, patient, "patient", true);
        start(sessionId, Map.of());
        as(provider).body(Map.of()).post(SESSIONS + "/" + sessionId + "/recordings").then().statusCode(409)
                .body("type", equalTo("/problems/recording-in-progress"));

        String relayed = as(provider).body(Map.of("name", "p2p", "mediaMode", "relayed")).post(SESSIONS).then()
                .statusCode(201).extract().path("sessionId");
        as(provider).body(Map.of()).post(SESSIONS + "/" + relayed + "/recordings").then().statusCode(409)
                .body("type", equalTo("/problems/not-recordable"));

        String ended = Api.consultation("dr-r1", List.of(), List.of());
        as(provider).delete(SESSIONS + "/" + ended).then().statusCode(204);
        as(provider).body(Map.of()).post(SESSIONS + "/" + ended + "/recordings").then().statusCode(409)
                .body("type", equalTo("/problems/session-ended"));
    }

    @Test
    void anOpenTokConflictIsOurConflictAndAnOpenTokErrorIs502() throws Exception {
        String sessionId = consentedSession(uniqueId("pat"));
        Emulator.startArchiveElsewhere(sessionId); // someone else is already recording at the provider
        as(provider).body(Map.of()).post(SESSIONS + "/" + sessionId + "/recordings").then().statusCode(409)
                .body("type", equalTo("/problems/recording-in-progress"));

        String other = consentedSession(uniqueId("pat"));
        try {
            Emulator.fault("/archive", 500, 0, false, 1);
            as(provider).body(Map.of()).post(SESSIONS + "/" + other + "/recordings").then().statusCode(502)
                    .body("type", equalTo("/problems/upstream-error"));
        } finally {
            Emulator.clearFaults();
        }
    }

    @Test
    void invalidCombinationsAnswer400WithTheField() {
        String sessionId = consentedSession(uniqueId("pat"));
        String path = SESSIONS + "/" + sessionId + "/recordings";
        as(provider).body(Map.of("outputMode", "individual", "layout", Map.of("type", "pip"))).post(path).then()
                .statusCode(400).body("errors.field", hasItem("layout"));
        as(provider).body(Map.of("layout", Map.of("type", "custom"))).post(path).then()
                .statusCode(400).body("errors.field", hasItem("layout.stylesheet"));
        as(provider).body(Map.of("layout", Map.of("type", "pip", "stylesheet", "x {}"))).post(path).then()
                .statusCode(400).body("errors.field", hasItem("layout.stylesheet"));
        as(provider).body(Map.of("layout", Map.of("type", "mosaic"))).post(path).then()
                .statusCode(400).body("errors.field", hasItem("layout.type"));
        as(provider).body(Map.of("resolution", "800x600")).post(path).then()
                .statusCode(400).body("errors.field", hasItem("resolution"));
        as(provider).body(Map.of("outputMode", "mixed")).post(path).then()
                .statusCode(400).body("errors.field", hasItem("outputMode"));
        as(provider).body(Map.of("streamMode", "sometimes")).post(path).then()
                .statusCode(400).body("errors.field", hasItem("streamMode"));
        as(provider).body(Map.of("hasAudio", false, "hasVideo", false)).post(path).then()
                .statusCode(400).body("errors.field", hasItem("hasVideo"));
        as(provider).body(Map.of("name", "n".repeat(121))).post(path).then()
                .statusCode(400).body("errors.field", hasItem("name"));
        for (String resolution : Resolution.ALLOWED) {
            String id = start(sessionId, Map.of("resolution", resolution));
            assertEquals(resolution, Emulator.lastBody("/archive", "POST").get("resolution"));
            as(provider).post(RECORDINGS + "/" + id + "/stop").then().statusCode(200);
        }
    }

    @Test
    void consentIsPerParticipantAndWithdrawalStopsTheRecording() {
        String patient = uniqueId("pat");
        String observer = uniqueId("obs");
        String sessionId = Api.consultation("dr-r1", List.of(patient), List.of(observer));
        as(TestJwt.token(patient, "patient")).body(Map.of("recording", true))
                .put(SESSIONS + "/" + sessionId + "/consent").then().statusCode(200)
                .body("userId", equalTo(patient)).body("recording", equalTo(true)).body("updatedAt", notNullValue());
        as(TestJwt.token(observer, "patient")).get(SESSIONS + "/" + sessionId + "/consent").then().statusCode(200)
                .body("userId", containsInAnyOrder("dr-r1", patient, observer))
                .body("find { it.userId == '" + patient + "' }.recording", equalTo(true))
                .body("find { it.userId == '" + observer + "' }.recording", equalTo(false));
        as(TestJwt.token("admin-1", "admin")).body(Map.of("recording", true))
                .put(SESSIONS + "/" + sessionId + "/consent").then().statusCode(403);
        as(TestJwt.token(patient, "patient")).body(Map.of()).put(SESSIONS + "/" + sessionId + "/consent").then()
                .statusCode(400).body("errors.field", hasItem("recording")).body("errors.field", hasItem("broadcast"));
        as(TestJwt.token(patient, "patient")).body(Map.of("recording", "yes")).put(SESSIONS + "/" + sessionId + "/consent")
                .then().statusCode(400);

        String recordingId = start(sessionId, Map.of());
        as(TestJwt.token(patient, "patient")).body(Map.of("recording", false))
                .put(SESSIONS + "/" + sessionId + "/consent").then().statusCode(200).body("recording", equalTo(false));
        // the stop runs beside the answer: read once it is done
        Api.awaitCleanup(sessionId);
        as(provider).get(RECORDINGS + "/" + recordingId).then().statusCode(200)
                .body("status", equalTo("stopped")).body("reason", equalTo("consent_withdrawn"));
        assertEquals(1, Emulator.requests("/archive/" + recordingId + "/stop").size());
        as(provider).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.find { it.type == 'recording_stopped' }.details.reason", equalTo("consent_withdrawn"))
                .body("items.find { it.type == 'recording_stopped' }.actorId", equalTo(patient))
                .body("items.findAll { it.type == 'consent_changed' }.size()", equalTo(2));
        as(provider).body(Map.of()).post(SESSIONS + "/" + sessionId + "/recordings").then().statusCode(409)
                .body("type", equalTo("/problems/consent-required"));
    }

    @Test
    void downloadRedirectsOnceAvailableAndGetFollowsOpenTok() {
        String patient = uniqueId("pat");
        String sessionId = consentedSession(patient);
        String recordingId = start(sessionId, Map.of());
        RestAssured.config = RestAssured.config().redirect(RedirectConfig.redirectConfig().followRedirects(false));
        try {
            as(provider).get(RECORDINGS + "/" + recordingId + "/download").then().statusCode(409)
                    .body("type", equalTo("/problems/conflict"));
            as(provider).post(RECORDINGS + "/" + recordingId + "/stop").then().statusCode(200);
            Emulator.archiveStatus(recordingId, "uploaded", 1024, 42);
            as(provider).get(RECORDINGS + "/" + recordingId).then().statusCode(200)
                    .body("status", equalTo("uploaded")).body("sizeBytes", equalTo(1024))
                    .body("durationSeconds", equalTo(42));
            Emulator.archiveStatus(recordingId, "available", 2048, 42);
            String location = as(TestJwt.token(patient, "patient")).get(RECORDINGS + "/" + recordingId + "/download")
                    .then().statusCode(302).header("Location", notNullValue()).extract().header("Location");
            assertTrue(location.contains(recordingId), location);
            // a browser asks for the URL itself, as it cannot follow an authorised cross-origin redirect
            as(TestJwt.token(patient, "patient")).accept("application/json")
                    .get(RECORDINGS + "/" + recordingId + "/download").then().statusCode(200)
                    .header("Cache-Control", "no-store").body("url", equalTo(location));
            as(TestJwt.token("admin-1", "admin")).get(RECORDINGS + "/" + recordingId + "/download").then()
                    .statusCode(302);
            as(TestJwt.token("svc", "service")).get(RECORDINGS + "/" + recordingId + "/download").then()
                    .statusCode(403);
            as(TestJwt.token("stranger", "patient")).get(RECORDINGS + "/" + recordingId + "/download").then()
                    .statusCode(404);
            // a late report of an earlier status does not move it backwards
            Emulator.archiveStatus(recordingId, "stopped", 2048, 42);
            as(provider).get(RECORDINGS + "/" + recordingId).then().body("status", equalTo("available"));
        } finally {
            RestAssured.config = RestAssured.config().redirect(RedirectConfig.redirectConfig().followRedirects(true));
        }
    }

    @Test
    void deleteNeedsAStoppedRecording() {
        String sessionId = consentedSession(uniqueId("pat"));
        String recordingId = start(sessionId, Map.of());
        as(provider).delete(RECORDINGS + "/" + recordingId).then().statusCode(409).body("type", equalTo("/problems/conflict"));
        as(provider).post(RECORDINGS + "/" + recordingId + "/stop").then().statusCode(200);
        Emulator.archiveStatus(recordingId, "available", 10, 1);
        as(TestJwt.token("svc", "service")).delete(RECORDINGS + "/" + recordingId).then().statusCode(403);
        as(provider).delete(RECORDINGS + "/" + recordingId).then().statusCode(204);
        as(provider).delete(RECORDINGS + "/" + recordingId).then().statusCode(204);
        as(provider).get(RECORDINGS + "/" + recordingId).then().body("status", equalTo("deleted"));
        as(provider).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.findAll { it.type == 'recording_deleted' }.size()", equalTo(1))
                .body("items.find { it.type == 'recording_deleted' }.actorId", equalTo("dr-r1"));
    }

    @Test
    void theLayoutOfAComposedRecordingChanges() {
        String sessionId = consentedSession(uniqueId("pat"));
        String recordingId = start(sessionId, Map.of());
        as(provider).body(Map.of("type", "verticalPresentation")).put(RECORDINGS + "/" + recordingId + "/layout")
                .then().statusCode(200);
        assertEquals("verticalPresentation", Emulator.lastBody("/archive/" + recordingId + "/layout", "PUT").get("type"));
        as(provider).body(Map.of("type", "custom")).put(RECORDINGS + "/" + recordingId + "/layout").then()
                .statusCode(400).body("errors.field", hasItem("stylesheet"));
        as(provider).post(RECORDINGS + "/" + recordingId + "/stop").then().statusCode(200);
        String individual = start(sessionId, Map.of("outputMode", "individual"));
        as(provider).body(Map.of("type", "pip")).put(RECORDINGS + "/" + individual + "/layout").then().statusCode(409);
    }

    @Test
    void aSessionsListAsksTheProviderOnceWhateverItsRecordingsAndPagesInTheDatabase() {
        String sessionId = consentedSession(uniqueId("pat"));
        List<String> started = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) { // two stopped (not settled: they may still upload), the last one recording
            started.add(start(sessionId, Map.of()));
            if (i < 2) {
                as(provider).post(RECORDINGS + "/" + started.get(i) + "/stop").then().statusCode(200);
            }
        }
        long before = Emulator.requests("/archive").stream().filter(r -> "GET".equals(r.get("method"))).count();
        as(provider).queryParam("size", 2).queryParam("page", 1).get(SESSIONS + "/" + sessionId + "/recordings").then()
                .statusCode(200).body("total", equalTo(3)).body("items.recordingId", equalTo(started.subList(2, 3)))
                .body("items[0].status", equalTo("started"));
        as(provider).queryParam("size", 2).get(SESSIONS + "/" + sessionId + "/recordings").then()
                .body("items.recordingId", equalTo(started.subList(0, 2)))
                .body("items.status", equalTo(List.of("stopped", "stopped")));
        long after = Emulator.requests("/archive").stream().filter(r -> "GET".equals(r.get("method"))).count();
        assertEquals(2, after - before, "one list of the session's archives per read, no call per recording");
    }

    @Test
    void anArchiveWeDidNotRecordIsFoundOnTheNextList() throws Exception {
        String sessionId = consentedSession(uniqueId("pat"));
        String archiveId = Emulator.startArchiveElsewhere(sessionId);
        // an id we do not know: 404 to anyone, decided before any provider call, and nothing is stored for it
        int asked = Emulator.requests("/archive").size();
        as(TestJwt.token("stranger", "provider")).get(RECORDINGS + "/" + archiveId).then().statusCode(404);
        as(provider).get(RECORDINGS + "/" + archiveId).then().statusCode(404);
        assertEquals(asked, Emulator.requests("/archive").size(), "no provider call for an unknown recording");
        // the session's list, which its participants may read, finds it at the provider
        as(provider).get(SESSIONS + "/" + sessionId + "/recordings").then().statusCode(200)
                .body("items.recordingId", hasItem(archiveId));
        as(provider).get(RECORDINGS + "/" + archiveId).then().statusCode(200).body("status", equalTo("started"));
        as(TestJwt.token("stranger", "provider")).get(RECORDINGS + "/" + archiveId).then().statusCode(404);
        as(provider).get(SESSIONS + "/" + sessionId + "/recordings").then().statusCode(200)
                .body("items.recordingId", hasItem(archiveId))
                .body("items.find { it.recordingId == '" + archiveId + "' }.status", equalTo("started"))
                .body("total", equalTo(1));
        as(provider).get(SESSIONS + "/" + sessionId + "/recordings").then().body("total", equalTo(1));
        as(provider).post(RECORDINGS + "/" + archiveId + "/stop").then().statusCode(200).body("status", equalTo("stopped"));
    }

    @Test
    void endingTheSessionStopsItsRecording() {
        String sessionId = consentedSession(uniqueId("pat"));
        String recordingId = start(sessionId, Map.of());
        as(provider).delete(SESSIONS + "/" + sessionId).then().statusCode(204);
        Api.awaitCleanup(sessionId); // the stop runs beside the answer
        as(provider).get(RECORDINGS + "/" + recordingId).then().body("status", equalTo("stopped"))
                .body("reason", equalTo("session_ended"));
    }

    @Test
    void whoMayDoWhat() {
        String patient = uniqueId("pat");
        String sessionId = consentedSession(patient);
        String path = SESSIONS + "/" + sessionId + "/recordings";
        as(TestJwt.token(patient, "patient")).body(Map.of()).post(path).then().statusCode(403);
        as(TestJwt.token("admin-1", "admin")).body(Map.of()).post(path).then().statusCode(403);
        as(TestJwt.token("stranger", "provider")).body(Map.of()).post(path).then().statusCode(404);
        String recordingId = as(TestJwt.token("svc", "service")).body(Map.of()).post(path).then().statusCode(201)
                .extract().path("recordingId");
        as(TestJwt.token(patient, "patient")).get(RECORDINGS + "/" + recordingId).then().statusCode(200);
        as(TestJwt.token(patient, "patient")).get(path).then().statusCode(200).body("total", equalTo(1));
        as(TestJwt.token("stranger", "provider")).get(RECORDINGS + "/" + recordingId).then().statusCode(404);
        as(TestJwt.token("stranger", "provider")).get(path).then().statusCode(404);
        as(TestJwt.token(patient, "patient")).post(RECORDINGS + "/" + recordingId + "/stop").then().statusCode(403);
        as(TestJwt.token("admin-1", "admin")).post(RECORDINGS + "/" + recordingId + "/stop").then().statusCode(200);
        as(TestJwt.token(patient, "patient")).delete(RECORDINGS + "/" + recordingId).then().statusCode(403);
        as(provider).get(RECORDINGS + "/no-such-recording").then().statusCode(404);
    }
}
