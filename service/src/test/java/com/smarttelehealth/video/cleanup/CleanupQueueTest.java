package com.smarttelehealth.video.cleanup;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.devsupport.LocalPostgres;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.CleanupState;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * The clean-up queue as it must run for years: each step leased on its own, a last attempt after which a step is
 * parked (counted, logged, no longer tried), and finished steps purged after their retention. Short settings
 * here: two attempts, a 2 s lease, a 1 s retention; the job runs when the test says.
 */
@QuarkusTest
@TestProfile(CleanupQueueTest.ShortSettings.class)
class CleanupQueueTest {

    public static class ShortSettings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("videocall.cleanup.max-attempts", "2", "videocall.cleanup.lease", "2s",
                    "videocall.cleanup.retention", "1s");
        }
    }

    private final String provider = TestJwt.token("dr-queue", "provider");

    @Inject
    ProviderCleanup cleanup;

    @Inject
    CircuitBreakerMaintenance circuits;

    @AfterEach
    void clearFaults() {
        Emulator.clearFaults();
        circuits.resetAll();
    }

    @Test
    void aStepThatFailsItsLastAttemptIsParkedCountedAndNoLongerTried() throws Exception {
        Call call = call(1);
        Emulator.fault("/connection/", 500, 0, false, 1000);
        as(provider).delete(SESSIONS + "/" + call.sessionId()).then().statusCode(204);
        String connection = call.connections().get(0);
        awaitDisconnects(call, 1); // attempt 1, right away, beside the answer
        Thread.sleep(1100);
        cleanup.run(); // attempt 2, the last
        assertEquals(2, disconnects(call.sessionId(), connection));
        assertTrue(parkedGauge() >= 1, "videocall_cleanup_parked counts it");
        Thread.sleep(2100);
        cleanup.run();
        assertEquals(2, disconnects(call.sessionId(), connection), "a parked step is no longer tried");
        as(provider).get(SESSIONS + "/" + call.sessionId()).then().body("cleanup", equalTo("pending"));
        assertEquals(1, rows(call.sessionId(), "parked_at is not null and last_error is not null"),
                "kept with its last error, and not purged");
        assertTrue(Files.readString(Path.of("target/quarkus-test.log")).contains(
                "disconnect " + connection + " parked after 2 attempts"));
    }

    @Test
    void finishedStepsArePurgedAfterTheirRetention() throws Exception {
        Call call = call(1);
        as(provider).delete(SESSIONS + "/" + call.sessionId()).then().statusCode(204);
        Api.awaitCleanup(call.sessionId());
        assertEquals(1, rows(call.sessionId(), "done_at is not null"));
        Thread.sleep(1100);
        cleanup.run();
        assertEquals(0, rows(call.sessionId(), "true"), "purged after its retention");
        as(provider).get(SESSIONS + "/" + call.sessionId()).then().body("cleanup", equalTo("done"));
    }

    @Test
    void eachStepIsLeasedOnItsOwnSoASlowProviderCannotMakeALeaseLapse() throws Exception {
        Call call = call(3);
        // the first attempts fail, this session's only (the job below also meets other tests' leftover steps): three
        // steps due in 1 s
        Emulator.fault("/session/" + call.sessionId() + "/connection/", 500, 0, false, 3);
        as(provider).delete(SESSIONS + "/" + call.sessionId()).then().statusCode(204);
        // the job's pass, as its timer could run beside the end's own attempts: each step is tried once by one of
        // them (the leases keep them apart), whatever the end's own run gets to first
        cleanup.run();
        awaitDisconnects(call, 1);
        Emulator.clearFaults();
        Emulator.fault("/connection/", 0, 1500, false, 100); // then each cut takes 1.5 s: three of them outlast a lease
        Thread.sleep(1100);
        AtomicBoolean first = new AtomicBoolean(true);
        // two threads of their own: on 2 cores the common pool has one, and the two jobs would not overlap
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> replicaA = replicas.submit(cleanup::run);
            Future<?> replicaB = replicas.submit(() -> {
                while (first.get()) { // another replica's job, running again and again meanwhile
                    cleanup.run();
                }
            });
            replicaA.get();
            first.set(false);
            replicaB.get();
        } finally {
            replicas.shutdownNow();
        }
        for (String connection : call.connections()) {
            assertEquals(2, disconnects(call.sessionId(), connection), "cut once after the failed attempt: " + connection);
        }
        as(provider).get(SESSIONS + "/" + call.sessionId()).then().body("cleanup", equalTo("done"));
    }

    @Test
    void endingACallAndRemovingSomeoneAnswerWithoutWaitingForTheProvider() {
        Call call = call(2);
        Emulator.fault("/connection/", 0, 1500, false, 100); // each cut takes 1.5 s at the provider, within its timeout
        long started = System.nanoTime();
        as(provider).delete(SESSIONS + "/" + call.sessionId() + "/participants/" + call.patients().get(0)).then()
                .statusCode(204);
        long removeMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        as(provider).delete(SESSIONS + "/" + call.sessionId()).then().statusCode(204);
        long endMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(removeMillis < 1000, "the removal answered in " + removeMillis + " ms");
        assertTrue(endMillis < 1000, "the end answered in " + endMillis + " ms");
        as(provider).get(SESSIONS + "/" + call.sessionId()).then().body("status", equalTo("ended"))
                .body("cleanup", equalTo("pending"));
        // and the cuts still happen, beside the answers
        Api.awaitCleanup(call.sessionId());
        for (String connection : call.connections()) {
            assertEquals(1, disconnects(call.sessionId(), connection), "cut once: " + connection);
        }
    }

    private record Call(String sessionId, List<String> patients, List<String> connections) {
    }

    private static void awaitDisconnects(Call call, int atLeast) {
        CleanupState.explainTimeout(call.sessionId(), () -> Awaitility.await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(() ->
                        call.connections().stream().allMatch(c -> disconnects(call.sessionId(), c) >= atLeast)));
    }

    /** A consultation with {@code people} patients connected. */
    private Call call(int people) {
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            patients.add(uniqueId("pat"));
        }
        String sessionId = Api.consultation("dr-queue", patients, List.of());
        List<String> connections = new ArrayList<>();
        long now = Instant.now().toEpochMilli();
        for (String patient : patients) {
            String connection = Emulator.connect(sessionId, Api.connectionId());
            Callbacks.post(Callbacks.connection("connectionCreated", sessionId, connection, now, now,
                    Callbacks.connectionData(patient, "Pat", "patient"), null)).then().statusCode(204);
            connections.add(connection);
        }
        return new Call(sessionId, patients, connections);
    }

    private static long disconnects(String sessionId, String connectionId) {
        return Emulator.requests("/session/" + sessionId + "/connection/" + connectionId).stream()
                .filter(r -> "DELETE".equals(r.get("method"))).count();
    }

    private static double parkedGauge() {
        Matcher gauge = Pattern.compile("^videocall_cleanup_parked(?:\\{[^}]*\\})? ([0-9.E]+)$", Pattern.MULTILINE)
                .matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return gauge.find() ? Double.parseDouble(gauge.group(1)) : -1;
    }

    private static int rows(String sessionId, String condition) throws Exception {
        try (Connection database = DriverManager.getConnection(LocalPostgres.jdbcUrl());
                ResultSet count = database.createStatement().executeQuery("select count(*) from provider_cleanup c"
                        + " join video_session s on s.id = c.session_pk where s.session_id = '" + sessionId + "' and "
                        + condition)) {
            count.next();
            return count.getInt(1);
        }
    }
}
