package com.smarttelehealth.video.broadcast;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BroadcastApiTest {

    private static final String BROADCASTS = "/api/videocall/broadcasts";
    private final String provider = TestJwt.token("dr-b1", "provider");

    private static Map<String, Object> rtmp(String id, String streamName) {
        return Map.of("id", id, "serverUrl", "rtmps://a.example/live", "streamName", streamName);
    }

    @Test
    void theFullLifecycleWithMaskedStreamNames() throws Exception {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-b1", List.of(patient), List.of());
        Api.consentToBroadcast(sessionId, patient, "patient", true);
        String secretKey = "sk-" + uniqueId("stream-key-never-shown");
        String urlKey = uniqueId("key-in-the-url");
        Map<String, Object> body = new HashMap<>();
        body.put("hls", Map.of("dvr", true, "lowLatency", false));
        body.put("rtmp", List.of(rtmp("yt", secretKey), Map.of("id", "tw", "serverUrl",
                "rtmp://user:pass@live.example:1935/app/" + urlKey + "?token=" + urlKey, "streamName", "tw-name")));
        body.put("resolution", "1280x720");
        body.put("layout", Map.of("type", "bestFit"));
        body.put("maxDurationSeconds", 3600);
        var created = as(provider).body(body).post(SESSIONS + "/" + sessionId + "/broadcasts").then().statusCode(201)
                .header("Location", notNullValue())
                .body("sessionId", equalTo(sessionId)).body("status", equalTo("started"))
                .body("hlsUrl", notNullValue())
                .body("rtmp[0].id", equalTo("yt")).body("rtmp[0].serverUrl", equalTo("rtmps://a.example/live"))
                .body("rtmp[0].streamName", equalTo("sk-s****")).body("rtmp[0].status", notNullValue())
                // a key in the server URL: past the application's name, nothing is kept or shown (nor a password)
                .body("rtmp[1].serverUrl", equalTo("rtmp://live.example:1935/app/****"))
                .body(not(containsString(urlKey))).body(not(containsString("pass")))
                .body("resolution", equalTo("1280x720")).body("maxDurationSeconds", equalTo(3600))
                .body("startedBy", equalTo("dr-b1")).body("createdAt", notNullValue()).body("updatedAt", notNullValue())
                .body(not(containsString(secretKey)))
                .extract();
        String broadcastId = created.path("broadcastId");

        @SuppressWarnings("unchecked")
        Map<String, Object> outputs = (Map<String, Object>) Emulator.lastBody("/broadcast", "POST").get("outputs");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sentRtmp = (List<Map<String, Object>>) outputs.get("rtmp");
        assertEquals(secretKey, sentRtmp.get(0).get("streamName"), "OpenTok gets the real stream name");
        assertEquals("rtmp://user:pass@live.example:1935/app/" + urlKey + "?token=" + urlKey,
                sentRtmp.get(1).get("serverUrl"), "and the server URL as given");
        assertEquals(Map.of("dvr", true, "lowLatency", false), outputs.get("hls"));
        assertEquals(3600, Emulator.lastBody("/broadcast", "POST").get("maxDuration"));

        as(provider).get(BROADCASTS + "/" + broadcastId).then().statusCode(200)
                .body("status", equalTo("started")).body(not(containsString(secretKey)));
        as(provider).get(SESSIONS + "/" + sessionId + "/broadcasts").then().statusCode(200)
                .body("items.broadcastId", hasItem(broadcastId)).body(not(containsString(secretKey)));
        as(provider).body(Map.of("type", "pip")).put(BROADCASTS + "/" + broadcastId + "/layout").then().statusCode(200);
        assertEquals("pip", Emulator.lastBody("/broadcast/" + broadcastId + "/layout", "PUT").get("type"));
        as(provider).body(Map.of("rtmp", List.of(rtmp("b", "other-key")))).post(SESSIONS + "/" + sessionId + "/broadcasts")
                .then().statusCode(409).body("type", equalTo("/problems/conflict"));
        as(provider).post(BROADCASTS + "/" + broadcastId + "/stop").then().statusCode(200)
                .body("status", equalTo("stopped")).body(not(containsString(secretKey)));
        as(provider).post(BROADCASTS + "/" + broadcastId + "/stop").then().statusCode(200)
                .body("status", equalTo("stopped"));
        as(provider).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.type", hasItem("broadcast_started")).body("items.type", hasItem("broadcast_stopped"))
                .body(not(containsString(secretKey)));

        String log = Files.readString(Path.of("target/quarkus-test.log"));
        assertFalse(log.contains(secretKey), "the stream key is never logged");
    }

    @Test
    void eachRtmpTargetFollowsItsCallbacksUntilTheBroadcastStops() {
        String sessionId = Api.consultation("dr-b1", List.of(), List.of());
        String broadcastId = as(provider).body(Map.of("rtmp", List.of(rtmp("yt", "yt-secret-key"), rtmp("fb", "fb-secret-key"))))
                .post(SESSIONS + "/" + sessionId + "/broadcasts").then().statusCode(201)
                .body("rtmp.status", equalTo(List.of("connecting", "connecting"))).extract().path("broadcastId");

        Callbacks.post(Callbacks.broadcast(sessionId, broadcastId, "started", "yt", "live", "fb", "connecting"))
                .then().statusCode(204);
        as(provider).get(BROADCASTS + "/" + broadcastId).then().statusCode(200)
                .body("rtmp.find { it.id == 'yt' }.status", equalTo("live"))
                .body("rtmp.find { it.id == 'fb' }.status", equalTo("connecting"));
        Callbacks.post(Callbacks.broadcast(sessionId, broadcastId, "started", "fb", "error")).then().statusCode(204);
        as(provider).get(SESSIONS + "/" + sessionId + "/broadcasts").then().statusCode(200)
                .body("items[0].rtmp.find { it.id == 'yt' }.status", equalTo("live"))
                .body("items[0].rtmp.find { it.id == 'fb' }.status", equalTo("error"));

        Callbacks.post(Callbacks.broadcast(sessionId, broadcastId, "stopped", "yt", "offline", "fb", "offline"))
                .then().statusCode(204);
        Callbacks.post(Callbacks.broadcast(sessionId, broadcastId, "started", "yt", "live")).then().statusCode(204);
        as(provider).get(BROADCASTS + "/" + broadcastId).then().statusCode(200).body("status", equalTo("stopped"))
                .body("rtmp.status", equalTo(List.of("offline", "offline")));
    }

    @Test
    void validationAtEachBound() {
        String sessionId = Api.consultation("dr-b1", List.of(), List.of());
        String path = SESSIONS + "/" + sessionId + "/broadcasts";
        as(provider).body(Map.of()).post(path).then().statusCode(400).body("errors.field", hasItem("rtmp"));
        as(provider).body(Map.of("hls", Map.of(), "maxDurationSeconds", 59)).post(path).then().statusCode(400)
                .body("errors.field", hasItem("maxDurationSeconds"));
        as(provider).body(Map.of("hls", Map.of(), "maxDurationSeconds", 36001)).post(path).then().statusCode(400)
                .body("errors.field", hasItem("maxDurationSeconds"));
        List<Map<String, Object>> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(rtmp("t" + i, "key-" + i + "-secret"));
        }
        as(provider).body(Map.of("rtmp", six)).post(path).then().statusCode(400).body("errors.field", hasItem("rtmp"));
        as(provider).body(Map.of("rtmp", List.of(Map.of("id", "x", "serverUrl", "http://not-rtmp", "streamName", "k"))))
                .post(path).then().statusCode(400).body("errors.field", hasItem("rtmp[0].serverUrl"));
        as(provider).body(Map.of("rtmp", List.of(Map.of("id", "x", "serverUrl", "rtmp://a/b"))))
                .post(path).then().statusCode(400).body("errors.field", hasItem("rtmp[0].streamName"));
        as(provider).body(Map.of("rtmp", List.of(rtmp("same", "k1-secret"), rtmp("same", "k2-secret")))).post(path)
                .then().statusCode(400).body("errors.field", hasItem("rtmp[1].id"));
        as(provider).body(Map.of("hls", Map.of(), "resolution", "800x600")).post(path).then().statusCode(400)
                .body("errors.field", hasItem("resolution"));
        as(provider).body(Map.of("hls", Map.of(), "layout", Map.of("type", "custom"))).post(path).then()
                .statusCode(400).body("errors.field", hasItem("layout.stylesheet"));

        String first = as(provider).body(Map.of("hls", Map.of(), "maxDurationSeconds", 60)).post(path).then()
                .statusCode(201).body("maxDurationSeconds", equalTo(60)).body("resolution", equalTo("640x480"))
                .extract().path("broadcastId");
        as(provider).post(BROADCASTS + "/" + first + "/stop").then().statusCode(200);
        List<Map<String, Object>> five = six.subList(0, 5);
        String second = as(provider).body(Map.of("rtmp", five, "maxDurationSeconds", 36000)).post(path).then()
                .statusCode(201).body("rtmp.size()", equalTo(5)).extract().path("broadcastId");
        as(provider).post(BROADCASTS + "/" + second + "/stop").then().statusCode(200);
    }

    @Test
    void relayedSessionsAreNotBroadcastAndEndingStopsTheBroadcast() {
        String relayed = as(provider).body(Map.of("name", "p2p", "mediaMode", "relayed")).post(SESSIONS).then()
                .statusCode(201).extract().path("sessionId");
        as(provider).body(Map.of("hls", Map.of())).post(SESSIONS + "/" + relayed + "/broadcasts").then()
                .statusCode(409).body("type", equalTo("/problems/not-recordable"));

        String sessionId = Api.consultation("dr-b1", List.of(), List.of());
        String broadcastId = as(provider).body(Map.of("hls", Map.of())).post(SESSIONS + "/" + sessionId + "/broadcasts")
                .then().statusCode(201).extract().path("broadcastId");
        as(provider).delete(SESSIONS + "/" + sessionId).then().statusCode(204);
        Api.awaitCleanup(sessionId); // the stop runs beside the answer
        as(provider).get(BROADCASTS + "/" + broadcastId).then().body("status", equalTo("stopped"));
    }

    @Test
    void broadcastConsentIsApartFromRecordingConsentAndItsWithdrawalStopsTheBroadcast() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-b1", List.of(patient), List.of());
        String consent = SESSIONS + "/" + sessionId + "/consent";
        String patientJwt = TestJwt.token(patient, "patient");
        // each field left out keeps its value
        as(patientJwt).body(Map.of("recording", true)).put(consent).then().statusCode(200)
                .body("recording", equalTo(true)).body("broadcast", equalTo(false));
        as(provider).body(Map.of("hls", Map.of())).post(SESSIONS + "/" + sessionId + "/broadcasts").then()
                .statusCode(409).body("type", equalTo("/problems/consent-required"));
        as(patientJwt).body(Map.of("broadcast", true)).put(consent).then().statusCode(200)
                .body("userId", equalTo(patient)).body("recording", equalTo(true)).body("broadcast", equalTo(true))
                .body("updatedAt", notNullValue());
        String broadcastId = as(provider).body(Map.of("hls", Map.of())).post(SESSIONS + "/" + sessionId + "/broadcasts")
                .then().statusCode(201).extract().path("broadcastId");
        // a "no" to recording leaves the broadcast alone
        as(patientJwt).body(Map.of("recording", false)).put(consent).then().statusCode(200)
                .body("recording", equalTo(false)).body("broadcast", equalTo(true));
        as(provider).get(BROADCASTS + "/" + broadcastId).then().body("status", equalTo("started"));
        as(provider).get(consent).then().statusCode(200)
                .body("find { it.userId == '" + patient + "' }.broadcast", equalTo(true))
                .body("find { it.userId == 'dr-b1' }.broadcast", equalTo(false));

        // a "no" to broadcasting stops it, through the durable clean-up, and says why
        as(patientJwt).body(Map.of("broadcast", false)).put(consent).then().statusCode(200)
                .body("broadcast", equalTo(false));
        Api.awaitCleanup(sessionId); // the stop runs beside the answer
        assertEquals(1, Emulator.requests("/broadcast/" + broadcastId + "/stop").size(), "the provider was told to stop");
        as(provider).get(BROADCASTS + "/" + broadcastId).then().body("status", equalTo("stopped"));
        as(provider).queryParam("type", "broadcast_stopped").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1))
                .body("items[0].details.reason", equalTo("consent_withdrawn"))
                .body("items[0].actorId", equalTo(patient));
        as(provider).body(Map.of("hls", Map.of())).post(SESSIONS + "/" + sessionId + "/broadcasts").then()
                .statusCode(409).body("type", equalTo("/problems/consent-required"));
    }

    /** The provider's callback of a stop can come before the stop's own answer: the stop is still the asker's. */
    @Test
    void aReportOfTheStopAheadOfItsAnswerKeepsWhoAskedAndWhy() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-b1", List.of(patient), List.of());
        Api.consentToBroadcast(sessionId, patient, "patient", true);
        String broadcastId = as(provider).body(Map.of("hls", Map.of())).post(SESSIONS + "/" + sessionId + "/broadcasts")
                .then().statusCode(201).extract().path("broadcastId");
        Emulator.fault("/broadcast/" + broadcastId + "/stop", 0, 1500, false, 1); // the stop's answer is slow
        try {
            as(TestJwt.token(patient, "patient")).body(Map.of("broadcast", false))
                    .put(SESSIONS + "/" + sessionId + "/consent").then().statusCode(200);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(
                    () -> !Emulator.requests("/broadcast/" + broadcastId + "/stop").isEmpty());
            Callbacks.post(Callbacks.broadcast(sessionId, broadcastId, "stopped")).then().statusCode(204);
            Api.awaitCleanup(sessionId);
        } finally {
            Emulator.clearFaults();
        }
        as(provider).queryParam("type", "broadcast_stopped").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1))
                .body("items[0].details.reason", equalTo("consent_withdrawn"))
                .body("items[0].actorId", equalTo(patient));
    }

    @Test
    void whoMayDoWhat() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-b1", List.of(patient), List.of());
        String path = SESSIONS + "/" + sessionId + "/broadcasts";
        as(TestJwt.token(patient, "patient")).body(Map.of("hls", Map.of())).post(path).then().statusCode(403);
        as(TestJwt.token("admin-1", "admin")).body(Map.of("hls", Map.of())).post(path).then().statusCode(403);
        as(TestJwt.token("stranger", "provider")).body(Map.of("hls", Map.of())).post(path).then().statusCode(404);
        // a broadcast sends the visit outside it: the patient's recording consent does not cover it
        Api.consent(sessionId, patient, "patient", true);
        int before = Emulator.requests("/broadcast").size();
        as(TestJwt.token("svc", "service")).body(Map.of("hls", Map.of())).post(path).then().statusCode(409)
                .body("type", equalTo("/problems/consent-required")).body("detail", containsString("broadcasting"));
        assertEquals(before, Emulator.requests("/broadcast").size(), "nothing was asked of the provider");
        Api.consentToBroadcast(sessionId, patient, "patient", true);
        String broadcastId = as(TestJwt.token("svc", "service")).body(Map.of("hls", Map.of())).post(path).then()
                .statusCode(201).extract().path("broadcastId");
        as(TestJwt.token(patient, "patient")).get(BROADCASTS + "/" + broadcastId).then().statusCode(200);
        as(TestJwt.token("stranger", "provider")).get(BROADCASTS + "/" + broadcastId).then().statusCode(404);
        as(TestJwt.token(patient, "patient")).post(BROADCASTS + "/" + broadcastId + "/stop").then().statusCode(403);
        as(TestJwt.token(patient, "patient")).body(Map.of("type", "pip")).put(BROADCASTS + "/" + broadcastId + "/layout")
                .then().statusCode(403);
        as(TestJwt.token("admin-1", "admin")).post(BROADCASTS + "/" + broadcastId + "/stop").then().statusCode(200);
    }

    @Test
    void openTokFailuresAnswer502And503() {
        String sessionId = Api.consultation("dr-b1", List.of(), List.of());
        String path = SESSIONS + "/" + sessionId + "/broadcasts";
        try {
            Emulator.fault("/broadcast", 500, 0, false, 1);
            as(provider).body(Map.of("hls", Map.of())).post(path).then().statusCode(502)
                    .body("type", equalTo("/problems/upstream-error"));
            Emulator.fault("/broadcast", 0, 0, true, 100);
            as(provider).body(Map.of("hls", Map.of())).post(path).then().statusCode(503)
                    .body("type", equalTo("/problems/upstream-unavailable"));
            Emulator.clearFaults();
            Emulator.fault("/broadcast", 503, 0, false, 1);
            as(provider).body(Map.of("hls", Map.of())).post(path).then().statusCode(503)
                    .body("type", equalTo("/problems/upstream-unavailable")).header("Retry-After", notNullValue())
                    .body("detail", containsString("answered that it is unavailable"))
                    .body("detail", not(containsString("in time")));
        } finally {
            Emulator.clearFaults();
        }
        as(provider).get(path).then().body("total", equalTo(0));
    }
}
