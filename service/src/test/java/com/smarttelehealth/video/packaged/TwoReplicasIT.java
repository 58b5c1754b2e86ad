package com.smarttelehealth.video.packaged;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.SseStream;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Two replicas of the packaged application on one PostgreSQL: the one the test framework starts
 * (A) and a second copy of the same jar (B), both with their jobs on a one-second timer. What must
 * hold across replicas is enforced by the database, and this checks it: one session for concurrent
 * creates, one effect for a callback delivered to both, and each job's work done once.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = TwoReplicasIT.JobsOften.class, restrictToAnnotatedClass = true)
class TwoReplicasIT {

    /** The packaged test's surroundings, with the quota and appointment jobs every second. */
    public static class JobsOften extends PackagedAppResources {
        @Override
        protected Map<String, String> extraSettings() {
            return Map.of("videocall.jobs.interval", "1s");
        }
    }

    private static Replica replicaB;
    private static String baseB;

    @BeforeAll
    static void startReplicaB() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(Replica.JAR), "the second replica runs the jar; a native-only build has none");
        Files.deleteIfExists(Path.of("target/replica-b.log"));
        replicaB = Replica.start("replica-b", Map.of());
        baseB = replicaB.base();
    }

    @AfterAll
    static void stopReplicaB() throws InterruptedException {
        if (replicaB != null) {
            replicaB.stop();
        }
    }

    /** Replica A (the test framework's) for even numbers, B for odd ones. */
    private static RequestSpecification on(int replica, String jwt) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        if (replica % 2 == 1) {
            request.baseUri(baseB).port(-1);
        }
        return jwt == null ? request : request.header("Authorization", "Bearer " + jwt);
    }

    private static List<Response> concurrently(int count, java.util.function.IntFunction<Response> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int replica = i;
                calls.add(() -> call.apply(replica));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : pool.invokeAll(calls)) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdown();
        }
    }

    private static int eventCount(String sessionId, String type) {
        return on(0, TestJwt.token("backend", "service")).queryParam("type", type)
                .get(SESSIONS + "/" + sessionId + "/events").then().statusCode(200).extract().path("total");
    }

    @Test
    void concurrentCreatesOnBothReplicasGiveOneSession() throws Exception {
        String consultationId = uniqueId("c");
        String patient = uniqueId("pat");
        List<Response> responses = concurrently(12, replica -> on(replica, TestJwt.token("dr-2r", "provider"))
                .body(Map.of("name", "Two replicas", "consultationId", consultationId,
                        "participants", List.of(Map.of("userId", patient, "role", "patient"))))
                .post(SESSIONS));
        Set<String> sessionIds = responses.stream().map(r -> r.<String>path("sessionId")).collect(Collectors.toSet());
        assertEquals(1, sessionIds.size(), "one session for the consultation: " + sessionIds);
        assertEquals(1, responses.stream().filter(r -> r.statusCode() == 201).count(), "created once");
        assertEquals(11, responses.stream().filter(r -> r.statusCode() == 200).count(), "reused by the others");
    }

    @Test
    void aCallbackDeliveredToBothReplicasHasOneEffect() throws Exception {
        String patient = uniqueId("pat");
        Api.plan(patient, "premium", null);
        String sessionId = on(0, TestJwt.token("dr-2r", "provider")).body(Map.of("name", "Redelivery",
                "consultationId", uniqueId("c"), "participants", List.of(Map.of("userId", patient, "role", "patient"))))
                .post(SESSIONS).then().statusCode(201).extract().path("sessionId");
        long at = Instant.now().minusSeconds(60).toEpochMilli();
        String body = Callbacks.connection("connectionCreated", sessionId, Api.connectionId(), at, at,
                Callbacks.connectionData(patient, "Pat", "patient"), null);
        String signature = "Bearer " + Callbacks.sign(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Callbacks.SECRET);
        List<Response> responses = concurrently(8, replica -> on(replica, null).header("Authorization", signature)
                .body(body).post(Callbacks.PATH));
        responses.forEach(r -> assertEquals(204, r.statusCode()));
        on(1, TestJwt.token(patient, "patient")).get(SESSIONS + "/" + sessionId + "/connections").then()
                .statusCode(200).body("size()", equalTo(1));
        assertEquals(1, eventCount(sessionId, "connection_created"));
    }

    @Test
    void theJobsOfBothReplicasDoEachThingOnce() throws IOException {
        // a basic-plan patient with no minute left, live in a call
        String patient = uniqueId("pat");
        Api.plan(patient, "basic", 1);
        String sessionId = on(0, TestJwt.token("dr-2r", "provider")).body(Map.of("name", "Quota",
                "consultationId", uniqueId("c"), "participants", List.of(Map.of("userId", patient, "role", "patient"))))
                .post(SESSIONS).then().statusCode(201).extract().path("sessionId");
        String connection = PackagedAppResources.emulator().body(Map.of("connectionId", Api.connectionId()))
                .post("/_admin/sessions/" + sessionId + "/connections").then().statusCode(201).extract().path("connectionId");
        long from = Instant.now().minusSeconds(120).toEpochMilli();
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, connection, from, from,
                Callbacks.connectionData(patient, "Pat", "patient"), null)).then().statusCode(204);

        // an appointment whose window closed twenty minutes ago
        Instant now = Instant.now();
        String appointment = on(1, TestJwt.token("dr-2r", "provider")).body(Map.of("name", "Past", "type", "appointment",
                "appointmentId", uniqueId("a"), "window", Map.of("startsAt", now.minusSeconds(7200).toString(),
                        "endsAt", now.minusSeconds(35 * 60).toString()),
                "participants", List.of(Map.of("userId", uniqueId("pat"), "role", "patient"))))
                .post(SESSIONS).then().statusCode(201).extract().path("sessionId");

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertEquals(1, eventCount(sessionId, "quota_exhausted"));
            assertEquals(1, eventCount(appointment, "session_ended"));
        });
        // both replicas run their jobs every second: give them a few more rounds to do anything twice
        Awaitility.await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> true);
        assertEquals(1, eventCount(sessionId, "quota_exhausted"), "the quota was enforced once");
        assertEquals(1, eventCount(appointment, "session_ended"), "the appointment was ended once");
        List<Map<String, Object>> disconnects = PackagedAppResources.emulator()
                .queryParam("path", "/connection/" + connection)
                .get("/_admin/requests").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, disconnects.stream().filter(r -> "DELETE".equals(r.get("method"))).count(),
                "OpenTok was asked once to disconnect " + connection);
        String logB = Files.readString(Path.of("target/replica-b.log"));
        assertTrue(logB.contains("Profile prod activated"), "replica B ran the prod build");
    }

    @Test
    void anAdmitOnOneReplicaLetsThePatientGetATokenOnTheOtherAtOnce() {
        String patient = uniqueId("pat");
        Api.plan(patient, "premium", null);
        String provider = TestJwt.token("dr-two-rooms", "provider");
        String sessionId = on(0, provider).body(Map.of("name", "Two rooms", "waitingRoom", true,
                "participants", List.of(Map.of("userId", patient, "role", "patient")))).post(SESSIONS)
                .then().statusCode(201).extract().path("sessionId");
        String patientJwt = TestJwt.token(patient, "patient");
        on(1, patientJwt).post(SESSIONS + "/" + sessionId + "/waiting-room").then().statusCode(202);
        on(1, patientJwt).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(403)
                .body("type", equalTo("/problems/not-admitted"));
        on(0, provider).post(SESSIONS + "/" + sessionId + "/waiting-room/" + patient + "/admit").then().statusCode(200);
        on(1, patientJwt).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201);
    }

    @Test
    void anEventWrittenOnOneReplicaReachesTheOthersStreamsWithinASecondAndAResumeThereHasNoGap() throws Exception {
        String provider = TestJwt.token("dr-two-feeds", "provider");
        String sessionId = on(0, provider).body(Map.of("name", "Two feeds")).post(SESSIONS).then().statusCode(201)
                .extract().path("sessionId");
        String live = SESSIONS + "/" + sessionId + "/live";
        String last;
        try (SseStream onB = SseStream.open(baseB, live, provider, null)) {
            assertEquals(200, onB.status());
            for (int i = 0; i < 5; i++) {
                long written = System.nanoTime();
                on(0, provider).body(Map.of("userId", "obs-" + i, "role", "observer"))
                        .post(SESSIONS + "/" + sessionId + "/participants").then().statusCode(201);
                SseStream.Message message = onB.expect();
                long millis = Duration.ofNanos(System.nanoTime() - written).toMillis();
                assertEquals("obs-" + i, message.data().path("details").path("userId").asText());
                assertTrue(millis < 1000, "written on A, received on B after " + millis + " ms");
            }
        }
        try (SseStream onA = SseStream.open(live, provider, null)) {
            on(1, provider).body(Map.of("userId", "obs-seen", "role", "observer"))
                    .post(SESSIONS + "/" + sessionId + "/participants").then().statusCode(201);
            last = onA.expect().id();
        }
        // written on both while nobody listens, then resumed on B from what A sent last
        List<String> missed = List.of("obs-m0", "obs-m1", "obs-m2", "obs-m3");
        for (int i = 0; i < missed.size(); i++) {
            on(i, provider).body(Map.of("userId", missed.get(i), "role", "observer"))
                    .post(SESSIONS + "/" + sessionId + "/participants").then().statusCode(201);
        }
        try (SseStream onB = SseStream.open(baseB, live, provider, last)) {
            List<String> resumed = new ArrayList<>();
            for (int i = 0; i < missed.size(); i++) {
                resumed.add(onB.expect().data().path("details").path("userId").asText());
            }
            assertEquals(missed, resumed, "no gap");
            assertEquals(null, onB.next(Duration.ofMillis(700)), "no repeat");
        }
    }
}
