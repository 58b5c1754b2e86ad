package com.smarttelehealth.video.waitingroom;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The virtual waiting room, from the outside: check-in, the queue, decisions, and the same door for tokens. */
@QuarkusTest
class WaitingRoomApiTest {

    private final String provider = TestJwt.token("dr-wait", "provider");

    private String waitingRoomSession(String patient, String observer) {
        Api.plan(patient, "premium", null);
        List<Map<String, Object>> participants = new ArrayList<>(List.of(Map.of("userId", patient, "role", "patient",
                "displayName", "Pat Wait")));
        if (observer != null) {
            participants.add(Map.of("userId", observer, "role", "observer"));
        }
        return as(provider).body(Map.of("name", "Clinic", "waitingRoom", true, "participants", participants))
                .post(SESSIONS).then().statusCode(201).body("waitingRoom", equalTo(true)).extract().path("sessionId");
    }

    private static String room(String sessionId) {
        return SESSIONS + "/" + sessionId + "/waiting-room";
    }

    @Test
    void aPatientChecksInWaitsAndIsLetInByTheProvider() {
        String patient = uniqueId("pat");
        String observer = uniqueId("obs");
        String sessionId = waitingRoomSession(patient, observer);
        String patientJwt = TestJwt.token(patient, "patient");

        as(patientJwt).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(403)
                .body("type", equalTo("/problems/not-admitted"));
        String checkedIn = as(patientJwt).post(room(sessionId)).then().statusCode(202)
                .body("userId", equalTo(patient)).body("displayName", equalTo("Pat Wait"))
                .body("status", equalTo("waiting")).body("position", equalTo(1)).body("checkedInAt", notNullValue())
                .extract().path("checkedInAt");
        as(patientJwt).post(room(sessionId)).then().statusCode(202).body("checkedInAt", equalTo(checkedIn));
        as(TestJwt.token(observer, "patient")).post(room(sessionId)).then().statusCode(202).body("position", equalTo(2));

        // the queue: the provider sees everyone, oldest first; a patient only themself
        as(provider).get(room(sessionId)).then().statusCode(200).body("total", equalTo(2))
                .body("items.userId", equalTo(List.of(patient, observer))).body("items[0].role", equalTo("patient"))
                .body("items[0].waitedSeconds", greaterThanOrEqualTo(0));
        as(patientJwt).get(room(sessionId)).then().statusCode(200).body("total", equalTo(1))
                .body("items.userId", equalTo(List.of(patient)));

        // providers never wait
        as(provider).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201);
        as(provider).post(room(sessionId)).then().statusCode(403);

        String decidedAt = as(provider).post(room(sessionId) + "/" + patient + "/admit").then().statusCode(200)
                .body("status", equalTo("admitted")).body("decidedBy", equalTo("dr-wait"))
                .body("position", nullValue()).body("checkedInAt", equalTo(checkedIn))
                .extract().path("decidedAt");
        as(provider).post(room(sessionId) + "/" + patient + "/admit").then().statusCode(200)
                .body("decidedAt", equalTo(decidedAt));
        as(TestJwt.token(observer, "patient")).get(room(sessionId)).then().body("items[0].position", equalTo(1));
        as(patientJwt).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201);
        as(patientJwt).post(room(sessionId)).then().statusCode(200).body("status", equalTo("admitted"));

        as(provider).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.findAll { it.type == 'participant_checked_in' }.size()", equalTo(2))
                .body("items.findAll { it.type == 'participant_admitted' }.size()", equalTo(1))
                .body("items.find { it.type == 'participant_admitted' }.actorId", equalTo("dr-wait"))
                .body("items.find { it.type == 'participant_admitted' }.details.userId", equalTo(patient));
        given().get("/q/metrics").then().body(containsString("videocall_waiting_room_wait_seconds_count"))
                .body(containsString("videocall_waiting_room_waiting"));
    }

    @Test
    void aConnectionOfSomeoneNotAdmittedIsCutAtTheDoorAndSendingBackCutsTheirs() {
        String patient = uniqueId("pat");
        String sessionId = waitingRoomSession(patient, null);
        // a token from before the waiting room cannot be had; say one leaked from another device: cut at the door
        String early = join(sessionId, patient);
        Api.awaitCleanup(sessionId);
        assertFalse(Emulator.liveConnections(sessionId).contains(early));
        as(provider).queryParam("type", "connection_refused").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1)).body("items[0].details.reason", equalTo("not_admitted"));

        as(provider).post(room(sessionId) + "/" + patient + "/admit").then().statusCode(200);
        String admitted = join(sessionId, patient);
        assertTrue(Emulator.liveConnections(sessionId).contains(admitted), "an admitted patient is let in");

        as(provider).post(room(sessionId) + "/" + patient + "/send-back").then().statusCode(200)
                .body("status", equalTo("sent_back"));
        Api.awaitCleanup(sessionId);
        assertFalse(Emulator.liveConnections(sessionId).contains(admitted), "sending back cut the live connection");
        as(TestJwt.token(patient, "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(403)
                .body("type", equalTo("/problems/not-admitted"));
        // the token they kept: cut at the door again
        String kept = join(sessionId, patient);
        Api.awaitCleanup(sessionId);
        assertFalse(Emulator.liveConnections(sessionId).contains(kept));
        as(provider).queryParam("type", "connection_refused").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(2));
        // and they wait again
        as(TestJwt.token(patient, "patient")).post(room(sessionId)).then().statusCode(202)
                .body("status", equalTo("waiting")).body("decidedAt", nullValue());
    }

    @Test
    void declineTakesAnOptionalReasonAndAdmitAheadNeedsNoCheckIn() {
        String patient = uniqueId("pat");
        String observer = uniqueId("obs");
        String sessionId = waitingRoomSession(patient, observer);
        as(provider).body(Map.of("reason", "r".repeat(201))).post(room(sessionId) + "/" + patient + "/decline").then()
                .statusCode(400).body("type", equalTo("/problems/validation-failed"));
        as(TestJwt.token(patient, "patient")).post(room(sessionId)).then().statusCode(202);
        as(provider).body(Map.of("reason", "Please call the front desk")).post(room(sessionId) + "/" + patient + "/decline")
                .then().statusCode(200).body("status", equalTo("declined"));
        as(provider).queryParam("type", "participant_declined").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items[0].details.reason", equalTo("Please call the front desk"));
        as(provider).post(room(sessionId) + "/" + patient + "/decline").then().statusCode(200);

        // an interpreter the provider lets in ahead, without a check-in
        as(TestJwt.token("svc", "service")).post(room(sessionId) + "/" + observer + "/admit").then().statusCode(200)
                .body("status", equalTo("admitted")).body("checkedInAt", nullValue()).body("waitedSeconds", nullValue());
        as(TestJwt.token(observer, "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201);
    }

    @Test
    void whoMayDoWhatAndWhatIsNotThere() {
        String patient = uniqueId("pat");
        String sessionId = waitingRoomSession(patient, null);
        as(TestJwt.token("dr-outsider", "provider")).post(room(sessionId) + "/" + patient + "/admit").then().statusCode(404);
        as(TestJwt.token("dr-outsider", "provider")).get(room(sessionId)).then().statusCode(404);
        as(TestJwt.token(patient, "patient")).post(room(sessionId) + "/" + patient + "/admit").then().statusCode(403);
        as(TestJwt.token("admin-1", "admin")).post(room(sessionId) + "/" + patient + "/admit").then().statusCode(403);
        as(TestJwt.token("admin-1", "admin")).post(room(sessionId)).then().statusCode(403);
        as(provider).post(room(sessionId) + "/dr-wait/admit").then().statusCode(404); // a provider does not wait
        as(provider).post(room(sessionId) + "/nobody/admit").then().statusCode(404);

        // a session without a waiting room: everyone is in
        String open = Api.consultation("dr-wait", List.of(patient), List.of());
        as(TestJwt.token(patient, "patient")).post(room(open)).then().statusCode(200).body("status", equalTo("admitted"));
        as(provider).post(room(open) + "/" + patient + "/admit").then().statusCode(409);
        as(TestJwt.token(patient, "patient")).post(SESSIONS + "/" + open + "/token").then().statusCode(201);

        // an ended session
        as(provider).delete(SESSIONS + "/" + sessionId).then().statusCode(204);
        as(TestJwt.token(patient, "patient")).post(room(sessionId)).then().statusCode(409)
                .body("type", equalTo("/problems/session-ended"));
        as(provider).post(room(sessionId) + "/" + patient + "/admit").then().statusCode(409);
    }

    @Test
    void theAppointmentWindowAppliesToCheckIn() {
        String patient = uniqueId("pat");
        Map<String, Object> body = new HashMap<>(Map.of("name", "Later", "type", "appointment", "appointmentId",
                uniqueId("a"), "waitingRoom", true, "participants", List.of(Map.of("userId", patient, "role", "patient"))));
        body.put("window", Map.of("startsAt", Instant.now().plusSeconds(7200).toString(),
                "endsAt", Instant.now().plusSeconds(9000).toString()));
        String sessionId = as(provider).body(body).post(SESSIONS).then().statusCode(201).extract().path("sessionId");
        as(TestJwt.token(patient, "patient")).post(room(sessionId)).then().statusCode(403)
                .body("type", equalTo("/problems/outside-appointment-window"));
    }

    @Test
    void admissionEndsWithTheRemovalEvenWhenBothRaceAndConcurrentAdmitsAdmitOnce() throws Exception {
        String patient = uniqueId("pat");
        String sessionId = waitingRoomSession(patient, null);
        List<Response> admits = concurrently(6, () -> as(provider).post(room(sessionId) + "/" + patient + "/admit"));
        admits.forEach(r -> assertEquals(200, r.statusCode(), r.asString()));
        as(provider).queryParam("type", "participant_admitted").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1));

        for (int round = 0; round < 3; round++) {
            String user = uniqueId("pat");
            Api.plan(user, "premium", null);
            as(provider).body(Map.of("userId", user, "role", "patient")).post(SESSIONS + "/" + sessionId + "/participants")
                    .then().statusCode(201);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Response> admit = pool.submit(() -> {
                    start.await();
                    return as(provider).post(room(sessionId) + "/" + user + "/admit");
                });
                Future<Response> removal = pool.submit(() -> {
                    start.await();
                    return as(provider).delete(SESSIONS + "/" + sessionId + "/participants/" + user);
                });
                start.countDown();
                assertTrue(List.of(200, 404).contains(admit.get().statusCode()), admit.get().asString());
                assertEquals(204, removal.get().statusCode());
            } finally {
                pool.shutdownNow();
            }
            // whichever came first, the user is out, and coming back means waiting again
            as(TestJwt.token(user, "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(404);
            as(provider).body(Map.of("userId", user, "role", "patient")).post(SESSIONS + "/" + sessionId + "/participants")
                    .then().statusCode(201);
            as(TestJwt.token(user, "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(403)
                    .body("type", equalTo("/problems/not-admitted"));
        }
    }

    private static List<Response> concurrently(int n, Callable<Response> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String join(String sessionId, String userId) {
        String connectionId = Emulator.connect(sessionId, Api.connectionId());
        long now = Instant.now().toEpochMilli();
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, connectionId, now, now,
                Callbacks.connectionData(userId, "Pat", "patient"), null)).then().statusCode(204);
        return connectionId;
    }
}
