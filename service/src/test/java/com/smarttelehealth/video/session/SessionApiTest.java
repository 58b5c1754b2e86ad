package com.smarttelehealth.video.session;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;
import com.smarttelehealth.video.support.TestProvider;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class SessionApiTest {

    private final String provider = TestJwt.named("dr-s1", "Dr One", "provider");

    @Test
    void createsARoutedConsultationWithTheProviderAsParticipant() {
        String consultation = uniqueId("c");
        var response = as(provider).body(Map.of("name", "Consultation Session", "consultationId", consultation,
                "chatRoomId", "room-7",
                "participants", List.of(Map.of("userId", "pat-s1", "role", "patient", "displayName", "Pat"))))
                .post(SESSIONS).then().statusCode(201)
                .extract();
        String sessionId = response.path("sessionId");
        assertEquals("/api/videocall/sessions/" + sessionId,
                java.net.URI.create(response.header("Location")).getPath());
        as(provider).get(SESSIONS + "/" + sessionId).then().statusCode(200)
                .body("sessionId", equalTo(sessionId))
                .body("apiKey", equalTo(TestProvider.clientKey()))
                .body("name", equalTo("Consultation Session"))
                .body("type", equalTo("consultation"))
                .body("status", equalTo("active"))
                .body("consultationId", equalTo(consultation))
                .body("appointmentId", nullValue())
                .body("chatRoomId", equalTo("room-7"))
                .body("mediaMode", equalTo("routed"))
                .body("archiveMode", equalTo("manual"))
                .body("e2ee", equalTo(false))
                .body("window", nullValue())
                .body("createdBy", equalTo("dr-s1"))
                .body("createdAt", notNullValue())
                .body("endedAt", nullValue())
                .body("participants.userId", contains("dr-s1", "pat-s1"))
                .body("participants.role", contains("provider", "patient"))
                .body("participants[0].displayName", equalTo("Dr One"))
                .body("participants[1].addedAt", notNullValue());
        as(provider).get(SESSIONS + "/" + sessionId + "/events").then().statusCode(200)
                .body("items.type", contains("session_created", "participant_added", "participant_added"))
                .body("items[0].actorId", equalTo("dr-s1"));
    }

    @Test
    void aCreatorWhoListsThemselvesStaysItsProviderOnce() {
        // the participants go in one statement: the creator's own row comes first and the repeat adds nothing
        String sessionId = as(provider).body(Map.of("name", "Self-listed", "participants", List.of(
                Map.of("userId", "dr-s1", "role", "observer"), Map.of("userId", "pat-self", "role", "patient"))))
                .post(SESSIONS).then().statusCode(201)
                .body("participants.userId", contains("dr-s1", "pat-self"))
                .body("participants.role", contains("provider", "patient"))
                .extract().path("sessionId");
        as(provider).queryParam("type", "participant_added").get(SESSIONS + "/" + sessionId + "/events").then()
                .statusCode(200).body("items.details.userId", contains("dr-s1", "pat-self"))
                .body("items.details.role", contains("provider", "patient"));
    }

    @Test
    void reusesTheActiveSessionOfAConsultationForItsOwnPeopleOnly() {
        String consultation = uniqueId("c");
        Map<String, Object> body = new HashMap<>(Map.of("name", "First", "consultationId", consultation));
        String first = as(provider).body(body).post(SESSIONS).then().statusCode(201).extract().path("sessionId");
        // its provider, again (a second device, a retry): the same session, and the participants they list are added
        body.put("participants", List.of(Map.of("userId", "pat-late", "role", "patient")));
        as(provider).body(body).post(SESSIONS).then().statusCode(200)
                .body("sessionId", equalTo(first))
                .body("participants.userId", containsInAnyOrder("dr-s1", "pat-late"));
        // the platform's backend sees every session
        as(TestJwt.token("svc", "service")).body(Map.of("name", "Again", "consultationId", consultation))
                .post(SESSIONS).then().statusCode(200).body("sessionId", equalTo(first));
    }

    @Test
    void concurrentCreatesOfOneConsultationMakeOneSessionWithItsPeopleOnce() throws Exception {
        // a double tap on two devices: every create finds none, asks the provider, then inserts; the insert of all
        // but one yields on the consultation's unique index, and those reuse the session that won. The provider
        // answers each create 400 ms late, so that every one of them is past its look before the first inserts.
        String consultation = uniqueId("c");
        Map<String, Object> body = Map.of("name", "Raced", "consultationId", consultation,
                "participants", List.of(Map.of("userId", "pat-race", "role", "patient")));
        int creates = 6;
        int asked = Emulator.requests("/session/create").size();
        Emulator.fault("/session/create", 0, 400, false, creates);
        ExecutorService pool = Executors.newFixedThreadPool(creates);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < creates; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return as(provider).body(body).post(SESSIONS);
                }));
            }
            start.countDown();
            Map<Integer, Integer> byStatus = new HashMap<>();
            Set<String> sessionIds = new HashSet<>();
            for (var answer : answers) {
                Response response = answer.get(30, TimeUnit.SECONDS);
                byStatus.merge(response.statusCode(), 1, Integer::sum);
                sessionIds.add(response.path("sessionId"));
                assertEquals(List.of("dr-s1", "pat-race"), response.path("participants.userId"), response.asString());
            }
            assertEquals(creates, Emulator.requests("/session/create").size() - asked,
                    "every create asked the provider: all but one lost the insert");
            assertEquals(Map.of(201, 1, 200, creates - 1), byStatus);
            assertEquals(1, sessionIds.size(), "every create answers the one session: " + sessionIds);
            String sessionId = sessionIds.iterator().next();
            as(provider).get(SESSIONS + "/" + sessionId + "/events").then().statusCode(200)
                    .body("items.type", contains("session_created", "participant_added", "participant_added"));
        } finally {
            pool.shutdownNow();
            Emulator.clearFaults();
        }
    }

    @Test
    void anOutsiderWhoKnowsAConsultationsIdGetsNothingOfItsSession() {
        String consultation = uniqueId("c");
        String appointment = uniqueId("a");
        String first = as(provider).body(Map.of("name", "Visit", "consultationId", consultation,
                "participants", List.of(Map.of("userId", "pat-own", "role", "patient")))).post(SESSIONS)
                .then().statusCode(201).extract().path("sessionId");
        String booked = as(provider).body(Map.of("name", "Booked", "type", "appointment", "appointmentId", appointment,
                "window", Map.of("startsAt", Instant.now().toString(), "endsAt", Instant.now().plusSeconds(1800).toString())))
                .post(SESSIONS).then().statusCode(201).extract().path("sessionId");
        int creates = Emulator.requests("/session/create").size();
        String outsider = TestJwt.token("dr-outsider", "provider");
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("name", "Mine now", "consultationId", consultation,
                        "participants", List.of(Map.of("userId", "pat-mine", "role", "patient"))),
                Map.of("name", "Mine now", "type", "appointment", "appointmentId", appointment, "window",
                        Map.of("startsAt", Instant.now().toString(), "endsAt", Instant.now().plusSeconds(60).toString())))) {
            String answer = as(outsider).body(body).post(SESSIONS).then().statusCode(409)
                    .contentType("application/problem+json").body("type", equalTo("/problems/conflict"))
                    .extract().asString();
            for (String hidden : List.of(first, booked, "dr-s1", "pat-own")) {
                assertFalse(answer.contains(hidden), "the refusal names nothing of the session: " + answer);
            }
        }
        assertEquals(creates, Emulator.requests("/session/create").size(), "no provider session was made for it");
        // the sessions are exactly as they were: the outsider and their patient are not in them
        as(provider).get(SESSIONS + "/" + first).then().statusCode(200)
                .body("participants.userId", containsInAnyOrder("dr-s1", "pat-own"));
        as(provider).get(SESSIONS + "/" + booked).then().statusCode(200)
                .body("participants.userId", containsInAnyOrder("dr-s1"));
        as(outsider).get(SESSIONS + "/" + first).then().statusCode(404);
        as(outsider).post(SESSIONS + "/" + first + "/token").then().statusCode(404);
        as(TestJwt.token("pat-mine", "patient")).post(SESSIONS + "/" + first + "/token").then().statusCode(404);
        as(provider).queryParam("type", "participant_added").get(SESSIONS + "/" + first + "/events").then()
                .body("items.details.userId", containsInAnyOrder("dr-s1", "pat-own"));
    }

    @Test
    void aParticipantWhoMayNotManageGetsTheSessionButAddsNoOne() {
        String consultation = uniqueId("c");
        // a clinician who takes part as an observer (a trainee): they see the session, and change nothing of it
        String first = as(provider).body(Map.of("name", "Teaching", "consultationId", consultation,
                "participants", List.of(Map.of("userId", "dr-trainee", "role", "observer")))).post(SESSIONS)
                .then().statusCode(201).extract().path("sessionId");
        as(TestJwt.token("dr-trainee", "provider")).body(Map.of("name", "Again", "consultationId", consultation,
                "participants", List.of(Map.of("userId", "pat-smuggled", "role", "patient")))).post(SESSIONS)
                .then().statusCode(200).body("sessionId", equalTo(first))
                .body("participants.userId", containsInAnyOrder("dr-s1", "dr-trainee"))
                .body("participants.find { it.userId == 'dr-trainee' }.role", equalTo("observer"));
    }

    @Test
    void aNewSessionIsCreatedOnceTheOldOneEnded() {
        String consultation = uniqueId("c");
        Map<String, Object> body = Map.of("name", "First", "consultationId", consultation);
        String first = as(provider).body(body).post(SESSIONS).then().statusCode(201).extract().path("sessionId");
        as(provider).delete(SESSIONS + "/" + first).then().statusCode(204);
        String second = as(provider).body(body).post(SESSIONS).then().statusCode(201).extract().path("sessionId");
        org.junit.jupiter.api.Assertions.assertNotEquals(first, second);
    }

    @Test
    void sendsMediaModeAndArchiveModeToOpenTok() {
        String relayed = as(provider).body(Map.of("name", "P2P", "mediaMode", "RELAYED")).post(SESSIONS)
                .then().statusCode(201).body("mediaMode", equalTo("relayed")).extract().path("sessionId");
        assertEquals("enabled", form(relayed).get("p2p.preference"));
        assertEquals("manual", form(relayed).get("archiveMode"));

        String always = as(provider).body(Map.of("name", "Always", "archiveMode", "always")).post(SESSIONS)
                .then().statusCode(201).body("archiveMode", equalTo("always")).extract().path("sessionId");
        assertEquals("disabled", form(always).get("p2p.preference"));
        assertEquals("always", form(always).get("archiveMode"));

        as(provider).body(Map.of("name", "Private", "e2ee", true)).post(SESSIONS)
                .then().statusCode(201).body("e2ee", equalTo(true));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> form(String sessionId) {
        return (Map<String, Object>) Emulator.createRequestFor(sessionId).get("form");
    }

    @Test
    void validatesEachRuleWithItsField() {
        assertInvalid(Map.of(), "name");
        assertInvalid(Map.of("name", "x".repeat(121)), "name");
        assertInvalid(Map.of("name", "x", "type", "webinar"), "type");
        assertInvalid(Map.of("name", "x", "type", "appointment", "window",
                Map.of("startsAt", "2026-11-24T10:00:00Z", "endsAt", "2026-11-24T10:30:00Z")), "appointmentId");
        assertInvalid(Map.of("name", "x", "type", "appointment", "appointmentId", "a-1"), "window");
        assertInvalid(Map.of("name", "x", "window", Map.of("startsAt", "2026-11-24T10:30:00Z",
                "endsAt", "2026-11-24T10:00:00Z")), "window.endsAt");
        assertInvalid(Map.of("name", "x", "window", Map.of("startsAt", "yesterday",
                "endsAt", "2026-11-24T10:00:00Z")), "window.startsAt");
        assertInvalid(Map.of("name", "x", "window", Map.of("endsAt", "2026-11-24T10:00:00Z")), "window.startsAt");
        assertInvalid(Map.of("name", "x", "mediaMode", "relayed", "archiveMode", "always"), "archiveMode");
        assertInvalid(Map.of("name", "x", "mediaMode", "relayed", "e2ee", true), "e2ee");
        assertInvalid(Map.of("name", "x", "archiveMode", "always", "e2ee", true), "e2ee");
        assertInvalid(Map.of("name", "x", "e2ee", "maybe"), "e2ee");
        assertInvalid(Map.of("name", "x", "consultationId", "c".repeat(65)), "consultationId");
        assertInvalid(Map.of("name", "x", "participants", List.of(Map.of("role", "patient"))), "participants[0].userId");
        assertInvalid(Map.of("name", "x", "participants", List.of(Map.of("userId", "u1"))), "participants[0].role");
        assertInvalid(Map.of("name", "x", "participants", List.of(Map.of("userId", "u1", "role", "surgeon"))),
                "participants[0].role");
        assertInvalid(Map.of("name", "x", "participants", List.of(Map.of("userId", "u".repeat(65), "role", "patient"))),
                "participants[0].userId");
        assertInvalid(Map.of("name", "x", "participants", List.of(Map.of("userId", "u1", "role", "patient"),
                Map.of("userId", "u1", "role", "observer"))), "participants[1].userId");
    }

    private void assertInvalid(Map<String, Object> body, String field) {
        as(provider).body(body).post(SESSIONS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation-failed"))
                .body("errors.field", hasItem(field));
    }

    @Test
    void aMissingBodyIsMalformed() {
        as(provider).post(SESSIONS).then().statusCode(400).body("type", equalTo("/problems/malformed-request"));
        as(provider).body("[1,2]").post(SESSIONS).then().statusCode(400).body("type", equalTo("/problems/malformed-request"));
    }

    @Test
    void listsOnlyTheCallersSessionsButEverythingForOperators() {
        String room = uniqueId("room");
        String patient = uniqueId("pat");
        String mine = as(provider).body(Map.of("name", "Mine", "chatRoomId", room,
                "participants", List.of(Map.of("userId", patient, "role", "patient")))).post(SESSIONS)
                .then().statusCode(201).extract().path("sessionId");
        String other = as(TestJwt.token("dr-s2", "provider")).body(Map.of("name", "Other", "chatRoomId", room))
                .post(SESSIONS).then().statusCode(201).extract().path("sessionId");

        as(TestJwt.token(patient, "patient")).queryParam("chatRoomId", room).get(SESSIONS).then().statusCode(200)
                .body("items.sessionId", contains(mine)).body("total", equalTo(1))
                .body("page", equalTo(0)).body("size", equalTo(20));
        as(TestJwt.token("admin-1", "admin")).queryParam("chatRoomId", room).get(SESSIONS).then().statusCode(200)
                .body("items.sessionId", containsInAnyOrder(mine, other)).body("total", equalTo(2));
        as(TestJwt.token("admin-1", "admin")).queryParam("chatRoomId", room).queryParam("size", 1).queryParam("page", 1)
                .get(SESSIONS).then().statusCode(200)
                .body("items", hasSize(1)).body("page", equalTo(1)).body("size", equalTo(1)).body("total", equalTo(2));
        as(TestJwt.token("svc", "service")).queryParam("chatRoomId", room).queryParam("status", "ENDED")
                .get(SESSIONS).then().statusCode(200).body("total", equalTo(0));
        as(TestJwt.token("svc", "service")).queryParam("status", "paused").get(SESSIONS).then().statusCode(400)
                .body("errors.field", hasItem("status"));
        as(TestJwt.token("svc", "service")).queryParam("size", 101).get(SESSIONS).then().statusCode(400)
                .body("errors.field", hasItem("size"));
        as(TestJwt.token("svc", "service")).queryParam("page", -1).get(SESSIONS).then().statusCode(400)
                .body("errors.field", hasItem("page"));
    }

    @Test
    void aSessionTheCallerDoesNotTakePartInIsNotFound() {
        String sessionId = as(provider).body(Map.of("name", "Private")).post(SESSIONS).then().statusCode(201)
                .extract().path("sessionId");
        as(TestJwt.token("stranger", "patient")).get(SESSIONS + "/" + sessionId).then().statusCode(404)
                .body("type", equalTo("/problems/not-found"));
        as(TestJwt.token("dr-stranger", "provider")).delete(SESSIONS + "/" + sessionId).then().statusCode(404);
    }

    @Test
    void endingIsIdempotentAndStopsTokens() {
        String patient = uniqueId("pat");
        String sessionId = com.smarttelehealth.video.support.Api.consultation("dr-s1", List.of(patient), List.of());
        as(provider).delete(SESSIONS + "/" + sessionId).then().statusCode(204);
        as(provider).delete(SESSIONS + "/" + sessionId).then().statusCode(204);
        as(provider).get(SESSIONS + "/" + sessionId).then().statusCode(200)
                .body("status", equalTo("ended")).body("endedAt", notNullValue());
        as(TestJwt.token(patient, "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(409)
                .body("type", equalTo("/problems/session-ended"));
        as(provider).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.findAll { it.type == 'session_ended' }", hasSize(1))
                .body("items.find { it.type == 'session_ended' }.details.reason", equalTo("ended_by_user"));
        as(provider).body(Map.of("userId", "late", "role", "observer"))
                .post(SESSIONS + "/" + sessionId + "/participants").then().statusCode(409)
                .body("type", equalTo("/problems/session-ended"));
    }

    @Test
    void participantsAreAddedUpdatedAndRemoved() {
        String sessionId = as(provider).body(Map.of("name", "Staffing")).post(SESSIONS).then().statusCode(201)
                .extract().path("sessionId");
        String path = SESSIONS + "/" + sessionId + "/participants";
        as(provider).body(Map.of("userId", "interp-1", "role", "observer", "displayName", "Interpreter"))
                .post(path).then().statusCode(201)
                .body("userId", equalTo("interp-1")).body("role", equalTo("observer"))
                .body("displayName", equalTo("Interpreter")).body("addedAt", notNullValue());
        as(provider).body(Map.of("userId", "interp-1", "role", "PATIENT")).post(path).then().statusCode(200)
                .body("role", equalTo("patient")).body("displayName", equalTo("Interpreter"));
        as(provider).body(Map.of("userId", "", "role", "observer")).post(path).then().statusCode(400)
                .body("errors.field", hasItem("userId"));
        as(provider).body(Map.of("userId", "x", "role", "observer", "displayName", "n".repeat(121))).post(path)
                .then().statusCode(400).body("errors.field", hasItem("displayName"));

        com.smarttelehealth.video.support.Api.plan("interp-1", "premium", null);
        as(TestJwt.token("interp-1", "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201);
        as(provider).delete(path + "/interp-1").then().statusCode(204);
        as(provider).delete(path + "/interp-1").then().statusCode(404);
        as(TestJwt.token("interp-1", "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(404);
        as(TestJwt.token("interp-1", "patient")).get(SESSIONS + "/" + sessionId).then().statusCode(404);
        as(provider).get(SESSIONS + "/" + sessionId).then()
                .body("participants.userId", not(hasItem("interp-1")));
        as(provider).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.type", hasItem("participant_removed"));
    }

    @Test
    void openTokFailuresAnswer502Or503AndLeaveNoRow() {
        String consultation = uniqueId("c");
        try {
            Emulator.fault("/session/create", 500, 0, false, 1);
            as(provider).body(Map.of("name", "Broken", "consultationId", consultation)).post(SESSIONS).then()
                    .statusCode(502).body("type", equalTo("/problems/upstream-error"));
            Emulator.fault("/session/create", 0, 0, true, 100);
            as(provider).body(Map.of("name", "Broken", "consultationId", consultation)).post(SESSIONS).then()
                    .statusCode(503).body("type", equalTo("/problems/upstream-unavailable"))
                    .header("Retry-After", notNullValue());
            Emulator.clearFaults();
            Emulator.fault("/session/create", 0, 3000, false, 1);
            as(provider).body(Map.of("name", "Slow", "consultationId", consultation)).post(SESSIONS).then()
                    .statusCode(503).body("type", equalTo("/problems/upstream-unavailable"));
        } finally {
            Emulator.clearFaults();
        }
        as(TestJwt.token("svc", "service")).queryParam("consultationId", consultation).get(SESSIONS).then()
                .body("total", equalTo(0));
        as(provider).body(Map.of("name", "Works", "consultationId", consultation)).post(SESSIONS).then().statusCode(201);
    }
}
