package com.smarttelehealth.video.resilience;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.cleanup.ProviderCleanup;
import com.smarttelehealth.video.devsupport.LocalPostgres;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.CleanupState;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Ending a session while OpenTok is down: the session is ended at once, what is left at OpenTok is kept with it
 * ({@code cleanup: pending}), and once OpenTok is back each stop and each disconnect reaches it exactly once.
 * Shares the quick circuit of {@link OpenTokOutageTest} (4 calls, 2 s).
 */
@QuarkusTest
@TestProfile(OpenTokOutageTest.QuickCircuit.class)
class CleanupSurvivesOutagesTest {

    private static final String PROVIDER_ID = "dr-cleanup";
    private final String provider = TestJwt.token(PROVIDER_ID, "provider");

    @Inject
    ProviderCleanup cleanup;

    @Inject
    CircuitBreakerMaintenance circuits;

    /** A live consultation: a started recording and broadcast, and two connections OpenTok and we both know. */
    private record Live(String sessionId, String recordingId, String broadcastId, List<String> connections) {
    }

    /** The circuits this test opens and closes start the next test of the same profile afresh. */
    @AfterEach
    void clearFaultsAndCircuits() {
        Emulator.clearFaults();
        circuits.resetAll();
    }

    @Test
    void endingWhileOpenTokDropsConnectionsCompletesOnceItIsBack() {
        Live live = live();
        Emulator.fault("/stop", 0, 0, true, 1000);
        Emulator.fault("/connection/", 0, 0, true, 1000);

        endAndExpectPending(live);

        Map<String, Integer> before = requestCounts(live);
        Emulator.clearFaults();
        awaitDone(live);
        assertEachReachedOpenTokOnceSince(before, live);
    }

    @Test
    void endingWhileTheCircuitIsOpenCompletesOnceItCloses() {
        Live live = live();
        Emulator.fault("/stop", 500, 0, false, 1000);
        Emulator.fault("/connection/", 500, 0, false, 1000);
        // OpenTok's errors open each circuit: the next call answers at once, without calling OpenTok
        for (int i = 0; i < 4; i++) {
            as(provider).post("/api/videocall/recordings/" + live.recordingId() + "/stop").then().statusCode(502);
            as(provider).post("/api/videocall/broadcasts/" + live.broadcastId() + "/stop").then().statusCode(502);
            as(provider).delete(SESSIONS + "/" + live.sessionId() + "/connections/" + live.connections().get(0))
                    .then().statusCode(502);
        }
        as(provider).post("/api/videocall/recordings/" + live.recordingId() + "/stop").then().statusCode(503)
                .body("detail", containsString("repeated failures"));
        Map<String, Integer> open = requestCounts(live);

        endAndExpectPending(live);
        assertEquals(open, requestCounts(live), "an open circuit calls OpenTok for nothing");

        Emulator.clearFaults();
        awaitDone(live);
        assertEachReachedOpenTokOnceSince(open, live);
    }

    private Live live() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation(PROVIDER_ID, List.of(patient), List.of());
        Api.consent(sessionId, patient, "patient", true);
        Api.consentToBroadcast(sessionId, patient, "patient", true);
        String recordingId = as(provider).body(Map.of()).post(SESSIONS + "/" + sessionId + "/recordings").then()
                .statusCode(201).extract().path("recordingId");
        String broadcastId = as(provider).body(Map.of("hls", Map.of())).post(SESSIONS + "/" + sessionId + "/broadcasts")
                .then().statusCode(201).extract().path("broadcastId");
        List<String> connections = List.of(Api.connectionId(), Api.connectionId());
        long now = System.currentTimeMillis();
        for (String connection : connections) {
            Emulator.connect(sessionId, connection);
            Callbacks.post(Callbacks.connection("connectionCreated", sessionId, connection, now, now,
                    Callbacks.connectionData(patient, "Pat", "patient"), null)).then().statusCode(204);
        }
        as(provider).get(SESSIONS + "/" + sessionId + "/connections").then().statusCode(200)
                .body("size()", equalTo(2));
        return new Live(sessionId, recordingId, broadcastId, connections);
    }

    private void endAndExpectPending(Live live) {
        as(provider).delete(SESSIONS + "/" + live.sessionId()).then().statusCode(204);
        as(provider).get(SESSIONS + "/" + live.sessionId()).then().statusCode(200)
                .body("status", equalTo("ended")).body("cleanup", equalTo("pending"));
        as(provider).post(SESSIONS + "/" + live.sessionId() + "/token").then().statusCode(409);
        given().get("/q/metrics").then().body(containsString("videocall_cleanup_pending"));
        // the end's own first attempts run beside its answer, and the job's pass may come at the same time (run
        // here once, as its timer could): wait until each step has had its try (its lease given back with an
        // error), so that the counts taken next are not still moving
        cleanup.run();
        CleanupState.explainTimeout(live.sessionId(), () -> Awaitility.await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> untriedSteps(live.sessionId()) == 0));
    }

    private static int untriedSteps(String sessionId) throws Exception {
        try (Connection database = DriverManager.getConnection(LocalPostgres.jdbcUrl());
                PreparedStatement count = database.prepareStatement("select count(*) from provider_cleanup c"
                        + " join video_session s on s.id = c.session_pk where s.session_id = ? and c.done_at is null"
                        + " and (c.leased_until is not null or c.last_error is null)")) {
            count.setString(1, sessionId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The job, run as its timer would (the test profile turns the timer off), until the session's clean-up is done. */
    private void awaitDone(Live live) {
        CleanupState.explainTimeout(live.sessionId(), () -> Awaitility.await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    cleanup.run();
                    as(provider).get(SESSIONS + "/" + live.sessionId()).then().body("cleanup", equalTo("done"));
                }));
        as(provider).get(SESSIONS + "/" + live.sessionId() + "/events").then().statusCode(200)
                .body("items.type", hasItems("session_ended", "recording_stopped", "broadcast_stopped"));
        as(provider).get("/api/videocall/recordings/" + live.recordingId()).then().body("reason", equalTo("session_ended"));
        as(provider).get("/api/videocall/broadcasts/" + live.broadcastId()).then().body("status", equalTo("stopped"));
    }

    private static Map<String, Integer> requestCounts(Live live) {
        return Map.of("recording", Emulator.requests("/archive/" + live.recordingId() + "/stop").size(),
                "broadcast", Emulator.requests("/broadcast/" + live.broadcastId() + "/stop").size(),
                "connection 1", Emulator.requests("/connection/" + live.connections().get(0)).size(),
                "connection 2", Emulator.requests("/connection/" + live.connections().get(1)).size());
    }

    private static void assertEachReachedOpenTokOnceSince(Map<String, Integer> before, Live live) {
        Map<String, Integer> after = requestCounts(live);
        before.forEach((what, count) -> assertEquals(count + 1, after.get(what), what + ": once OpenTok was back"));
        assertEquals(List.of(), Emulator.liveConnections(live.sessionId()), "OpenTok has no connection left");
    }
}
