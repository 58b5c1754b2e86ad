package com.smarttelehealth.video.packaged;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The clean-up of an ended session outlives the replica that ended it: a replica ends a live consultation while
 * OpenTok drops every call, dies before OpenTok is back, and once it is started again its job finishes the work.
 * The test framework's replica has its clean-up timer off, so that only the restarted one can do it.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = CleanupAcrossRestartIT.NoCleanupTimer.class, restrictToAnnotatedClass = true)
class CleanupAcrossRestartIT {

    /** The packaged test's surroundings, with this replica's clean-up timer off. */
    public static class NoCleanupTimer extends PackagedAppResources {
        @Override
        protected Map<String, String> extraSettings() {
            return Map.of("videocall.cleanup.interval", "off");
        }
    }

    private static Replica replica;

    @AfterAll
    static void stopReplica() throws InterruptedException {
        if (replica != null) {
            replica.stop();
        }
    }

    @Test
    void aReplicaThatDiesWithCleanupPendingFinishesItWhenItIsBack() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(Replica.JAR), "the replica runs the jar; a native-only build has none");
        Files.deleteIfExists(Path.of("target/replica-cleanup.log"));
        replica = Replica.start("replica-cleanup", Map.of("videocall.cleanup.interval", "1s"));
        String provider = TestJwt.token("dr-restart", "provider");
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-restart", List.of(patient), List.of());
        Api.consent(sessionId, patient, "patient", true);
        String recordingId = Api.as(provider).body(Map.of()).post(SESSIONS + "/" + sessionId + "/recordings").then()
                .statusCode(201).extract().path("recordingId");
        String connection = Api.connectionId();
        PackagedAppResources.emulator().body(Map.of("connectionId", connection))
                .post("/_admin/sessions/" + sessionId + "/connections").then().statusCode(201);
        long now = System.currentTimeMillis();
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, connection, now, now,
                Callbacks.connectionData(patient, "Pat", "patient"), null)).then().statusCode(204);

        fault("/stop");
        fault("/connection/");
        onReplica(provider).delete(SESSIONS + "/" + sessionId).then().statusCode(204);
        Api.as(provider).get(SESSIONS + "/" + sessionId).then().body("status", equalTo("ended"))
                .body("cleanup", equalTo("pending"));
        replica.kill();

        int stopsBefore = requests("/archive/" + recordingId + "/stop");
        int disconnectsBefore = requests("/connection/" + connection);
        PackagedAppResources.emulator().delete("/_admin/faults").then().statusCode(204);
        replica.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                Api.as(provider).get(SESSIONS + "/" + sessionId).then().body("cleanup", equalTo("done")));

        assertEquals(stopsBefore + 1, requests("/archive/" + recordingId + "/stop"), "the recording is stopped once");
        assertEquals(disconnectsBefore + 1, requests("/connection/" + connection), "the connection is cut once");
        Api.as(provider).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.type", hasItems("session_ended", "recording_stopped"));
    }

    private static RequestSpecification onReplica(String jwt) {
        return given().baseUri(replica.base()).port(-1).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + jwt);
    }

    private static void fault(String path) {
        PackagedAppResources.emulator()
                .body(Map.of("pathContains", path, "status", 0, "delayMs", 0, "drop", true, "times", 1000))
                .post("/_admin/faults").then().statusCode(204);
    }

    private static int requests(String path) {
        return PackagedAppResources.emulator().queryParam("path", path).get("/_admin/requests").then().statusCode(200)
                .extract().jsonPath().getList("$").size();
    }
}
