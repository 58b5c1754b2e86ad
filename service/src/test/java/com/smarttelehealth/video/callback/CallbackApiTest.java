package com.smarttelehealth.video.callback;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;
import com.smarttelehealth.video.support.TestProvider;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CallbackApiTest {

    private final String provider = TestJwt.token("dr-c1", "provider");

    private static long ms(Instant at) {
        return at.toEpochMilli();
    }

    @Test
    void signatureCases() {
        String sessionId = Api.consultation("dr-c1", List.of(), List.of());
        String body = Callbacks.connection("connectionCreated", sessionId, Api.connectionId(), 1, 1, "", null);
        Callbacks.post(body, null).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("/problems/unauthenticated"));
        Callbacks.post(body, Callbacks.sign(body.getBytes(StandardCharsets.UTF_8), "another-secret-0123456789abcdef-xyz"))
                .then().statusCode(401);
        String signedForOtherBody = Callbacks.sign("{\"event\":\"x\"}".getBytes(StandardCharsets.UTF_8), Callbacks.SECRET);
        Callbacks.post(body, signedForOtherBody).then().statusCode(401);
        Callbacks.post(body, "not a jwt").then().statusCode(401);
        Callbacks.post(body).then().statusCode(204);
        String other = Callbacks.connection("connectionCreated", sessionId, Api.connectionId(), 1, 1, "", null);
        Callbacks.post(other, "Bearer " + Callbacks.sign(other.getBytes(StandardCharsets.UTF_8), Callbacks.SECRET))
                .then().statusCode(204);
    }

    @Test
    void theVonageAddressTakesTheSameCallbacksAndOnVonageTheApplicationMustBeOurs() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-c1", List.of(patient), List.of());
        String connection = Api.connectionId();
        byte[] body = Callbacks.connection("connectionCreated", sessionId, connection, 1, 1,
                Callbacks.connectionData(patient, "Pat", "patient"), null).getBytes(StandardCharsets.UTF_8);
        String foreign = Callbacks.sign(body, Callbacks.SECRET, "0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f");
        given().contentType("application/json").header("Authorization", foreign).body(body)
                .post("/api/videocall/webhooks/vonage").then()
                .statusCode(TestProvider.vonage() ? 401 : 204); // OpenTok's callbacks name no application
        given().contentType("application/json").header("Authorization", Callbacks.sign(body, Callbacks.SECRET))
                .body(body).post("/api/videocall/webhooks/vonage").then().statusCode(204);
        as(TestJwt.token(patient, "patient")).get(SESSIONS + "/" + sessionId + "/connections").then().statusCode(200)
                .body("connectionId", equalTo(List.of(connection)));
    }

    @Test
    void connectionAndStreamCallbacksMakeTheLiveList() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-c1", List.of(patient), List.of());
        Instant t0 = Instant.now().minusSeconds(120);
        String connection = Api.connectionId();
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, connection, ms(t0), ms(t0),
                Callbacks.connectionData(patient, "Pat", "patient"), null)).then().statusCode(204);
        String stream = uniqueId("stream");
        Callbacks.post(Callbacks.stream("streamCreated", sessionId, stream, connection, ms(t0.plusSeconds(5)),
                ms(t0.plusSeconds(5)), "screen", null)).then().statusCode(204);
        as(TestJwt.token(patient, "patient")).get(SESSIONS + "/" + sessionId + "/connections").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].connectionId", equalTo(connection)).body("[0].userId", equalTo(patient))
                .body("[0].displayName", equalTo("Pat")).body("[0].role", equalTo("patient"))
                .body("[0].connectedAt", equalTo(t0.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString()))
                .body("[0].streams[0].streamId", equalTo(stream)).body("[0].streams[0].videoType", equalTo("screen"));
        Callbacks.post(Callbacks.stream("streamDestroyed", sessionId, stream, connection, ms(t0.plusSeconds(5)),
                ms(t0.plusSeconds(50)), "screen", "clientDisconnected")).then().statusCode(204);
        Callbacks.post(Callbacks.connection("connectionDestroyed", sessionId, connection, ms(t0), ms(t0.plusSeconds(60)),
                Callbacks.connectionData(patient, "Pat", "patient"), "clientDisconnected")).then().statusCode(204);
        as(provider).get(SESSIONS + "/" + sessionId + "/connections").then().statusCode(200).body("", empty());
        as(provider).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.type", hasItem("connection_created")).body("items.type", hasItem("stream_created"))
                .body("items.type", hasItem("stream_destroyed")).body("items.type", hasItem("connection_destroyed"))
                .body("items.find { it.type == 'connection_destroyed' }.details.reason", equalTo("clientDisconnected"))
                .body("items.find { it.type == 'connection_created' }.actorId", equalTo(patient));
        as(TestJwt.token("stranger", "patient")).get(SESSIONS + "/" + sessionId + "/connections").then().statusCode(404);
    }

    @Test
    void aRedeliveredCallbackHasOneEffect() {
        String sessionId = Api.consultation("dr-c1", List.of(), List.of());
        String connection = Api.connectionId();
        long at = ms(Instant.now().minusSeconds(30));
        String created = Callbacks.connection("connectionCreated", sessionId, connection, at, at,
                Callbacks.connectionData("dr-c1", "Dr", "provider"), null);
        for (int i = 0; i < 3; i++) {
            Callbacks.post(created).then().statusCode(204);
        }
        as(provider).get(SESSIONS + "/" + sessionId + "/connections").then().body("", hasSize(1));
        as(provider).queryParam("type", "connection_created").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1));
        as(provider).get(SESSIONS + "/" + sessionId + "/analytics").then().body("totalConnections", equalTo(1));
    }

    @Test
    void aDestroyedBeforeItsCreatedStillGivesTheRightRecord() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-c1", List.of(patient), List.of());
        Instant t0 = Instant.now().minusSeconds(3600);
        String connection = Api.connectionId();
        String data = Callbacks.connectionData(patient, "Pat", "patient");
        Callbacks.post(Callbacks.connection("connectionDestroyed", sessionId, connection, ms(t0), ms(t0.plusSeconds(300)),
                data, "networkDisconnected")).then().statusCode(204);
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, connection, ms(t0), ms(t0), data, null))
                .then().statusCode(204);
        as(provider).get(SESSIONS + "/" + sessionId + "/connections").then().body("", empty());
        as(provider).get(SESSIONS + "/" + sessionId + "/analytics").then()
                .body("totalConnections", equalTo(1)).body("activeConnections", equalTo(0))
                .body("connectedMinutes", equalTo(5)).body("uniqueParticipants", equalTo(1));
    }

    @Test
    void archiveCallbacksCreateAndAdvanceRecordingsAndNeverGoBack() {
        String sessionId = as(provider).body(Map.of("name", "Always", "archiveMode", "always")).post(SESSIONS).then()
                .statusCode(201).extract().path("sessionId");
        String archiveId = uniqueId("archive");
        long created = ms(Instant.now().minusSeconds(600));
        Callbacks.post(Callbacks.archive(sessionId, archiveId, "started", created, 0, 0)).then().statusCode(204);
        as(provider).get(SESSIONS + "/" + sessionId + "/recordings").then()
                .body("items.recordingId", hasItem(archiveId)).body("items[0].status", equalTo("started"));
        Callbacks.post(Callbacks.archive(sessionId, archiveId, "uploaded", created, 120, 5000)).then().statusCode(204);
        Callbacks.post(Callbacks.archive(sessionId, archiveId, "stopped", created, 120, 5000)).then().statusCode(204);
        Callbacks.post(Callbacks.archive(sessionId, archiveId, "available", created, 120, 5000)).then().statusCode(204);
        Callbacks.post(Callbacks.archive(sessionId, archiveId, "stopped", created, 120, 5000)).then().statusCode(204);
        as(provider).get("/api/videocall/recordings/" + archiveId).then().statusCode(200)
                .body("status", equalTo("available")).body("durationSeconds", equalTo(120))
                .body("sizeBytes", equalTo(5000)).body("stoppedAt", org.hamcrest.Matchers.notNullValue());
        as(provider).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.findAll { it.type == 'recording_started' }", hasSize(1))
                .body("items.findAll { it.type == 'recording_stopped' }", hasSize(1))
                .body("items.findAll { it.type == 'recording_available' }", hasSize(1));

        String failing = uniqueId("archive");
        Callbacks.post(Callbacks.archive(sessionId, failing, "failed", created, 0, 0)).then().statusCode(204);
        as(provider).get("/api/videocall/recordings/" + failing).then().body("status", equalTo("failed"));
        as(provider).queryParam("type", "recording_failed").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1));
    }

    @Test
    void aBroadcastCallbackStopsTheBroadcastOnce() {
        String sessionId = Api.consultation("dr-c1", List.of(), List.of());
        String broadcastId = as(provider).body(Map.of("hls", Map.of())).post(SESSIONS + "/" + sessionId + "/broadcasts")
                .then().statusCode(201).extract().path("broadcastId");
        Callbacks.post(Callbacks.broadcast(sessionId, broadcastId, "stopped")).then().statusCode(204);
        Callbacks.post(Callbacks.broadcast(sessionId, broadcastId, "stopped")).then().statusCode(204);
        Callbacks.post(Callbacks.broadcast(sessionId, broadcastId, "started")).then().statusCode(204);
        as(provider).get("/api/videocall/broadcasts/" + broadcastId).then().body("status", equalTo("stopped"));
        as(provider).queryParam("type", "broadcast_stopped").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1));
    }

    @Test
    void toleratesWhatItDoesNotKnowAndRefusesWhatIsNotJson() throws java.io.IOException {
        Callbacks.post("{\"event\":\"somethingNew\",\"sessionId\":\"x\"}").then().statusCode(204);
        String unknownSession = uniqueId("1_unknown-session");
        Callbacks.post(Callbacks.connection("connectionCreated", unknownSession, "c", 1, 1, "", null))
                .then().statusCode(204);
        Callbacks.post(Callbacks.stream("streamCreated", unknownSession, uniqueId("s"), "c", 1, 1, "camera", null))
                .then().statusCode(204);
        String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/quarkus-test.log"));
        assertTrue(log.contains("Ignoring a callback for unknown session " + unknownSession), "a debug line says so");
        Callbacks.post("this is not json").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/malformed-request"));
        Callbacks.post("[1,2,3]").then().statusCode(400);
        Callbacks.post("").then().statusCode(400);
        Callbacks.post("{\"event\":\"connectionCreated\",\"sessionId\":\"x\",\"timestamp\":\"yesterday\"}").then()
                .statusCode(400);
        String big = "{\"event\":\"x\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
        Callbacks.post(big).then().statusCode(413).body("type", equalTo("/problems/payload-too-large"));
        given().get("/q/metrics").then().body(containsString("videocall_webhook_events_total"))
                .body(containsString("videocall_active_connections"));
    }

    @Test
    void analyticsOfAScriptedCall() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-c1", List.of(patient), List.of());
        as(provider).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201);
        as(TestJwt.token(patient, "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201);
        Instant t0 = Instant.now().minusSeconds(3600);
        String drConn = Api.connectionId();
        String patConn = Api.connectionId();
        String drData = Callbacks.connectionData("dr-c1", "Dr", "provider");
        String patData = Callbacks.connectionData(patient, "Pat", "patient");
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, drConn, ms(t0), ms(t0), drData, null));
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, patConn, ms(t0.plusSeconds(60)),
                ms(t0.plusSeconds(60)), patData, null));
        Callbacks.post(Callbacks.stream("streamCreated", sessionId, uniqueId("s"), drConn, ms(t0), ms(t0), "camera", null));
        Callbacks.post(Callbacks.stream("streamCreated", sessionId, uniqueId("s"), drConn, ms(t0.plusSeconds(90)),
                ms(t0.plusSeconds(90)), "screen", null));
        Callbacks.post(Callbacks.connection("connectionDestroyed", sessionId, patConn, ms(t0.plusSeconds(60)),
                ms(t0.plusSeconds(360)), patData, "clientDisconnected"));
        Callbacks.post(Callbacks.connection("connectionDestroyed", sessionId, drConn, ms(t0), ms(t0.plusSeconds(600)),
                drData, "clientDisconnected"));
        Callbacks.post(Callbacks.archive(sessionId, uniqueId("archive"), "stopped", ms(t0), 120, 100));
        Api.consentToBroadcast(sessionId, patient, "patient", true);
        as(provider).body(Map.of("hls", Map.of())).post(SESSIONS + "/" + sessionId + "/broadcasts").then().statusCode(201);
        as(TestJwt.token(patient, "patient")).body(Map.of("roundTripMs", 100, "packetLossPercent", 2.0,
                "videoBitrateKbps", 800, "audioBitrateKbps", 40)).post(SESSIONS + "/" + sessionId + "/quality")
                .then().statusCode(202);
        as(provider).body(Map.of("roundTripMs", 50, "packetLossPercent", 6.0, "videoBitrateKbps", 1200,
                "audioBitrateKbps", 60, "connectionId", drConn)).post(SESSIONS + "/" + sessionId + "/quality")
                .then().statusCode(202);

        as(provider).get(SESSIONS + "/" + sessionId + "/analytics").then().statusCode(200)
                .body("sessionId", equalTo(sessionId)).body("status", equalTo("active"))
                .body("startedAt", equalTo(t0.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString()))
                .body("endedAt", org.hamcrest.Matchers.nullValue())
                .body("uniqueParticipants", equalTo(2)).body("totalConnections", equalTo(2))
                .body("activeConnections", equalTo(0)).body("peakConcurrentConnections", equalTo(2))
                .body("connectedMinutes", equalTo(15)) // 600 s + 300 s
                .body("streamsPublished", equalTo(2)).body("screenShares", equalTo(1))
                .body("tokensIssued", equalTo(2))
                .body("recordings.count", equalTo(1)).body("recordings.recordedSeconds", equalTo(120))
                .body("broadcasts.count", equalTo(1))
                .body("quality.samples", equalTo(2)).body("quality.avgRoundTripMs", equalTo(75.0f))
                .body("quality.avgPacketLossPercent", equalTo(4.0f)).body("quality.worstPacketLossPercent", equalTo(6.0f))
                .body("quality.avgVideoBitrateKbps", equalTo(1000.0f)).body("quality.avgAudioBitrateKbps", equalTo(50.0f));
        int duration = as(provider).get(SESSIONS + "/" + sessionId + "/analytics").then().extract().path("durationSeconds");
        assertTrue(duration >= 3600 && duration < 3700, "duration " + duration);
    }

    @Test
    void qualitySamplesAreValidated() {
        String sessionId = Api.consultation("dr-c1", List.of(), List.of());
        String path = SESSIONS + "/" + sessionId + "/quality";
        as(provider).body(Map.of("packetLossPercent", 101)).post(path).then().statusCode(400)
                .body("errors.field", hasItem("packetLossPercent"));
        as(provider).body(Map.of("roundTripMs", -1)).post(path).then().statusCode(400)
                .body("errors.field", hasItem("roundTripMs"));
        as(provider).body(Map.of("videoBitrateKbps", -5)).post(path).then().statusCode(400)
                .body("errors.field", hasItem("videoBitrateKbps"));
        as(provider).body(Map.of()).post(path).then().statusCode(400);
        as(provider).body(Map.of("roundTripMs", 10, "measuredAt", Instant.now().plusSeconds(3600).toString()))
                .post(path).then().statusCode(400).body("errors.field", hasItem("measuredAt"));
        as(TestJwt.token("admin-1", "admin")).body(Map.of("roundTripMs", 10)).post(path).then().statusCode(403);
        as(TestJwt.token("stranger", "patient")).body(Map.of("roundTripMs", 10)).post(path).then().statusCode(404);
        as(provider).body(Map.of("packetLossPercent", 0, "roundTripMs", 0)).post(path).then().statusCode(202);
    }

    @Test
    void theChatRoomFeedShowsEachCallerTheRoomsCallsTheyMaySee() {
        String room = uniqueId("room");
        String patient = uniqueId("pat");
        String first = as(provider).body(Map.of("name", "One", "chatRoomId", room,
                "participants", List.of(Map.of("userId", patient, "role", "patient")))).post(SESSIONS).then()
                .statusCode(201).extract().path("sessionId");
        // another provider links a session of their own to the same room: the label grants them nothing of the first
        String second = as(TestJwt.token("dr-c2", "provider")).body(Map.of("name", "Two", "chatRoomId", room))
                .post(SESSIONS).then().statusCode(201).extract().path("sessionId");
        String feed = "/api/videocall/chat-rooms/" + room + "/events";
        as(TestJwt.token(patient, "patient")).get(feed).then().statusCode(200)
                .body("items.sessionId", everyItem(equalTo(first))).body("items.sessionId", hasItem(first));
        as(TestJwt.token("dr-c2", "provider")).get(feed).then().statusCode(200)
                .body("items.sessionId", everyItem(equalTo(second))).body(not(containsString(first)))
                .body(not(containsString(patient)));
        as(TestJwt.token("dr-c2", "provider")).queryParam("type", "session_created").get(feed).then().statusCode(200)
                .body("total", equalTo(1));
        as(TestJwt.token("svc", "service")).queryParam("type", "session_created").get(feed).then().statusCode(200)
                .body("total", equalTo(2)).body("items.sessionId", containsInAnyOrder(first, second));
        as(TestJwt.token("admin-1", "admin")).get(feed).then().statusCode(200)
                .body("items.sessionId", hasItem(first)).body("items.sessionId", hasItem(second));
        // one page of the two sessions' events together, oldest first, each page the next slice of that order
        List<String> all = as(TestJwt.token("svc", "service")).get(feed).then().statusCode(200)
                .extract().path("items.eventId");
        List<Instant> times = as(TestJwt.token("svc", "service")).get(feed).then().extract()
                .<List<String>>path("items.occurredAt").stream().map(Instant::parse).toList();
        assertEquals(times.stream().sorted().toList(), times, "the room's events come oldest first");
        as(TestJwt.token("svc", "service")).queryParam("size", 1).queryParam("page", 1).get(feed).then()
                .statusCode(200).body("items.eventId", contains(all.get(1))).body("total", equalTo(all.size()));
        // who sees none of the room's sessions learns nothing, not even that the room exists
        String missing = as(TestJwt.token("stranger", "patient")).get(feed).then().statusCode(404)
                .body("type", equalTo("/problems/not-found")).extract().path("detail");
        as(TestJwt.token("stranger", "patient")).get("/api/videocall/chat-rooms/no-room/events").then().statusCode(404)
                .body("detail", equalTo(missing));
        as(TestJwt.token("svc", "service")).get("/api/videocall/chat-rooms/no-room/events").then().statusCode(404);
        as(TestJwt.token(patient, "patient")).queryParam("type", "bogus").get(feed).then().statusCode(400);
        given().get(feed).then().statusCode(401);
    }

    @Test
    void endingTheSessionAndRemovingSomeoneCutsTheirConnections() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-c1", List.of(patient), List.of());
        String patConn = Emulator.connect(sessionId, Api.connectionId());
        String drConn = Emulator.connect(sessionId, Api.connectionId());
        long at = ms(Instant.now().minusSeconds(10));
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, patConn, at, at,
                Callbacks.connectionData(patient, "Pat", "patient"), null)).then().statusCode(204);
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, drConn, at, at,
                Callbacks.connectionData("dr-c1", "Dr", "provider"), null)).then().statusCode(204);
        as(provider).delete(SESSIONS + "/" + sessionId + "/participants/" + patient).then().statusCode(204);
        Api.awaitCleanup(sessionId);
        List<String> live = Emulator.liveConnections(sessionId);
        assertFalse(live.contains(patConn), "the removed patient was disconnected");
        assertTrue(live.contains(drConn));
        as(provider).delete(SESSIONS + "/" + sessionId).then().statusCode(204);
        Api.awaitCleanup(sessionId);
        assertEquals(List.of(), Emulator.liveConnections(sessionId), "ending the session disconnected everyone");
    }
}
