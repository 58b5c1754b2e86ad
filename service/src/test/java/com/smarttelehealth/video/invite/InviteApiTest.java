package com.smarttelehealth.video.invite;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.devsupport.LocalPostgres;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Guest invites from the outside: a provider invites, a guest without an account redeems the code once and joins as
 * a participant, and every wrong caller learns nothing.
 */
@QuarkusTest
class InviteApiTest {

    static final String REDEEM = "/api/videocall/invites/redeem";
    private final String provider = TestJwt.token("dr-inv", "provider");

    @Test
    void aGuestRedeemsTheCodeOnceAndJoinsAsAParticipant() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-inv", List.of(patient), List.of());
        Response created = invite(provider, sessionId, "Interpreter (Spanish)", 3600);
        created.then().statusCode(201).header("Cache-Control", "no-store")
                .body("status", equalTo("open")).body("createdBy", equalTo("dr-inv"))
                .body("displayName", equalTo("Interpreter (Spanish)")).body("expiresAt", notNullValue());
        String inviteId = created.path("inviteId");
        String code = created.path("code");
        assertTrue(code.length() >= 60, "a code carries its invite and at least 128 random bits: " + code.length());

        // listed for the providers without the code
        String listed = as(provider).get(SESSIONS + "/" + sessionId + "/invites").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].inviteId", equalTo(inviteId))
                .body("items[0].status", equalTo("open")).extract().asString();
        assertFalse(listed.contains(code.substring(33)), "the list never shows a code");

        // the invite's id with another secret is nobody's code
        redeem(code.substring(0, 33) + "A".repeat(32), "Mallory").then().statusCode(404);

        String guest = "guest-" + inviteId;
        redeem(code, "Maria").then().statusCode(201).header("Cache-Control", "no-store")
                .body("role", equalTo("publisher")).body("sessionId", equalTo(sessionId))
                .body("token", notNullValue()).body("apiKey", notNullValue())
                .body("connectionData.userId", equalTo(guest)).body("connectionData.role", equalTo("guest"))
                .body("connectionData.displayName", equalTo("Maria"));

        as(provider).get(SESSIONS + "/" + sessionId).then().statusCode(200)
                .body("participants.find { it.userId == '" + guest + "' }.role", equalTo("guest"));
        as(provider).get(SESSIONS + "/" + sessionId + "/invites").then()
                .body("items[0].status", equalTo("redeemed")).body("items[0].guestUserId", equalTo(guest));
        as(provider).queryParam("type", "invite_created").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1)).body("items[0].actorId", equalTo("dr-inv"))
                .body("items[0].details.inviteId", equalTo(inviteId));
        as(provider).queryParam("type", "invite_redeemed").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1)).body("items[0].actorId", equalTo(guest));

        // once only
        redeem(code, "Maria again").then().statusCode(410).contentType("application/problem+json")
                .body("type", equalTo("/problems/invite-used"));

        // the guest's connection is let in at the door, as any participant's
        String connection = join(sessionId, guest);
        assertTrue(Emulator.liveConnections(sessionId).contains(connection));
    }

    @Test
    void unknownWrongExpiredAndRevokedCodesAllLookTheSame() throws Exception {
        String sessionId = Api.consultation("dr-inv", List.of(), List.of());
        String revokedCode = invite(provider, sessionId, "Caregiver", 3600).path("code");
        String revokedId = revokedCode.substring(0, 32);
        String expiredCode = invite(provider, sessionId, "Caregiver", 60).path("code");
        try (var database = java.sql.DriverManager.getConnection(LocalPostgres.jdbcUrl());
                var expire = database.prepareStatement("update session_invite set created_at = now() - interval '2 hours',"
                        + " expires_at = now() - interval '1 hour' where replace(invite_id::text, '-', '') = ?")) {
            expire.setString(1, expiredCode.substring(0, 32));
            assertEquals(1, expire.executeUpdate());
        }
        String revokedInviteId = as(provider).get(SESSIONS + "/" + sessionId + "/invites").then().extract()
                .path("items.find { it.inviteId.replace('-', '') == '" + revokedId + "' }.inviteId");
        as(provider).delete("/api/videocall/invites/" + revokedInviteId).then().statusCode(204);
        as(provider).delete("/api/videocall/invites/" + revokedInviteId).then().statusCode(204); // again: no change

        String wrongSecret = revokedCode.substring(0, 33) + "A".repeat(32);
        String unknown = "0123456789abcdef0123456789abcdef." + "B".repeat(32);
        List<String> bodies = new ArrayList<>();
        for (String code : List.of(revokedCode, expiredCode, wrongSecret, unknown, "not-a-code")) {
            bodies.add(redeem(code, "Someone").then().statusCode(404).contentType("application/problem+json")
                    .extract().path("detail"));
        }
        assertEquals(1, bodies.stream().distinct().count(), "one answer for all of them: " + bodies);
        as(provider).get(SESSIONS + "/" + sessionId + "/invites").then()
                .body("items.status", equalTo(List.of("expired", "revoked"))); // the expired one made two hours ago
        as(provider).queryParam("type", "invite_revoked").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1)).body("items[0].actorId", equalTo("dr-inv"));
    }

    @Test
    void whoMayInviteListAndRevoke() {
        String patient = uniqueId("pat");
        String observer = uniqueId("obs");
        String sessionId = Api.consultation("dr-inv", List.of(patient), List.of(observer));
        String outsider = TestJwt.token("dr-elsewhere", "provider");
        String service = TestJwt.token("backend", "service");
        String admin = TestJwt.token("ops", "admin");

        invite(TestJwt.token(patient, "patient"), sessionId, "Cousin", 600).then().statusCode(403);
        invite(TestJwt.token(observer, "patient"), sessionId, "Cousin", 600).then().statusCode(403);
        invite(admin, sessionId, "Cousin", 600).then().statusCode(403);
        String body = invite(outsider, sessionId, "Cousin", 600).then().statusCode(404).extract().asString();
        assertFalse(body.contains(sessionId), "an outsider learns nothing of the session");
        given().contentType(ContentType.JSON).body(Map.of("displayName", "x"))
                .post(SESSIONS + "/" + sessionId + "/invites").then().statusCode(401);
        String inviteId = invite(service, sessionId, "Interpreter", 600).then().statusCode(201)
                .body("createdBy", equalTo("backend")).extract().path("inviteId");

        as(TestJwt.token(patient, "patient")).get(SESSIONS + "/" + sessionId + "/invites").then().statusCode(403);
        as(outsider).get(SESSIONS + "/" + sessionId + "/invites").then().statusCode(404);
        as(admin).get(SESSIONS + "/" + sessionId + "/invites").then().statusCode(200).body("total", equalTo(1));

        as(outsider).delete("/api/videocall/invites/" + inviteId).then().statusCode(404);
        as(TestJwt.token(patient, "patient")).delete("/api/videocall/invites/" + inviteId).then().statusCode(403);
        as(provider).delete("/api/videocall/invites/not-an-id").then().statusCode(404);
        as(provider).delete("/api/videocall/invites/" + java.util.UUID.randomUUID()).then().statusCode(404);
        given().delete("/api/videocall/invites/" + inviteId).then().statusCode(401);
        as(provider).get(SESSIONS + "/" + sessionId + "/invites").then().body("items[0].status", equalTo("open"));

        // guests come by invite only
        as(provider).body(Map.of("userId", "someone", "role", "guest")).post(SESSIONS + "/" + sessionId + "/participants")
                .then().statusCode(400).body("errors[0].field", equalTo("role"));
    }

    @Test
    void invalidInputsAreClearProblems() {
        String sessionId = Api.consultation("dr-inv", List.of(), List.of());
        invite(provider, sessionId, "", 600).then().statusCode(400).body("errors.field", hasItem("displayName"));
        invite(provider, sessionId, "x".repeat(121), 600).then().statusCode(400);
        invite(provider, sessionId, "Interpreter", 59).then().statusCode(400).body("errors.field", hasItem("expiresInSeconds"));
        invite(provider, sessionId, "Interpreter", 86401).then().statusCode(400);
        as(provider).post(SESSIONS + "/" + sessionId + "/invites").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("displayName", "x")).post(REDEEM).then().statusCode(400)
                .body("errors.field", hasItem("code"));
        given().contentType(ContentType.JSON).body(Map.of("code", "x")).post(REDEEM).then().statusCode(400)
                .body("errors.field", hasItem("displayName"));
        given().contentType(ContentType.JSON).body("{not json").post(REDEEM).then().statusCode(400);
        given().contentType(ContentType.JSON).post(REDEEM).then().statusCode(400);
    }

    @Test
    void aGuestDoesNotWaitAndAnEndedSessionTakesNoGuests() {
        String patient = uniqueId("pat");
        String sessionId = as(provider).body(Map.of("name", "Waiting", "waitingRoom", true,
                "participants", List.of(Map.of("userId", patient, "role", "patient")))).post(SESSIONS).then()
                .statusCode(201).extract().path("sessionId");
        as(TestJwt.token(patient, "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(403)
                .body("type", equalTo("/problems/not-admitted"));
        redeem(invite(provider, sessionId, "Interpreter", 600).path("code"), "Ana").then().statusCode(201);

        String unused = invite(provider, sessionId, "Caregiver", 600).path("code");
        as(provider).delete(SESSIONS + "/" + sessionId).then().statusCode(204);
        redeem(unused, "Late").then().statusCode(409).body("type", equalTo("/problems/session-ended"));
        invite(provider, sessionId, "Too late", 600).then().statusCode(409)
                .body("type", equalTo("/problems/session-ended"));
    }

    @Test
    void revokingARedeemedInviteRemovesTheGuestAndCutsThemOff() {
        String sessionId = Api.consultation("dr-inv", List.of(), List.of());
        Response created = invite(provider, sessionId, "Interpreter", 600);
        String inviteId = created.path("inviteId");
        String guest = "guest-" + inviteId;
        redeem(created.path("code"), "Ana").then().statusCode(201);
        String connection = join(sessionId, guest);
        assertTrue(Emulator.liveConnections(sessionId).contains(connection));

        as(provider).delete("/api/videocall/invites/" + inviteId).then().statusCode(204);
        Api.awaitCleanup(sessionId);
        assertFalse(Emulator.liveConnections(sessionId).contains(connection), "the guest was disconnected");
        as(provider).get(SESSIONS + "/" + sessionId).then()
                .body("participants.userId", not(hasItem(guest)));
        String again = join(sessionId, guest);
        Api.awaitCleanup(sessionId);
        assertFalse(Emulator.liveConnections(sessionId).contains(again), "their kept token is cut at the door");
        as(provider).queryParam("type", "connection_refused").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items[0].details.userId", equalTo(guest)).body("items[0].details.reason", equalTo("removed"));
    }

    @Test
    void removingTheGuestDisconnectsThem() {
        String sessionId = Api.consultation("dr-inv", List.of(), List.of());
        Response created = invite(provider, sessionId, "Caregiver", 600);
        String guest = "guest-" + created.path("inviteId");
        redeem(created.path("code"), "Sam").then().statusCode(201);
        String connection = join(sessionId, guest);
        as(provider).delete(SESSIONS + "/" + sessionId + "/participants/" + guest).then().statusCode(204);
        Api.awaitCleanup(sessionId);
        assertFalse(Emulator.liveConnections(sessionId).contains(connection));
        as(provider).get(SESSIONS + "/" + sessionId + "/invites").then().body("items[0].revokedAt", nullValue())
                .body("items[0].status", equalTo("redeemed"));
    }

    @Test
    void concurrentRedeemsOfOneCodeMakeOneGuest() throws Exception {
        String sessionId = Api.consultation("dr-inv", List.of(), List.of());
        String code = invite(provider, sessionId, "Interpreter", 600).path("code");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> redeems = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "Guest " + i;
                redeems.add(() -> redeem(code, name).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : pool.invokeAll(redeems)) {
                statuses.add(answer.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 410).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        as(provider).get(SESSIONS + "/" + sessionId).then()
                .body("participants.findAll { it.role == 'guest' }.size()", equalTo(1));
        as(provider).queryParam("type", "invite_redeemed").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1));
    }

    @Test
    void manyGuestsRedeemingAtOnceAllGetIn() throws Exception {
        // more redeems at once than the JDBC pool has connections (7): a read that kept its connection until the
        // request ended, while the redeem's transaction waited for a second one, left them all waiting for the
        // pool and answered 503
        String sessionId = Api.consultation("dr-inv", List.of(), List.of());
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            codes.add(invite(provider, sessionId, "Guest " + i, 600).then().statusCode(201).extract().path("code"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(codes.size());
        try {
            List<Callable<Integer>> redeems = new ArrayList<>();
            for (String code : codes) {
                redeems.add(() -> redeem(code, "Guest").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : pool.invokeAll(redeems)) {
                statuses.add(answer.get());
            }
            assertEquals(codes.size(), statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        as(provider).get(SESSIONS + "/" + sessionId).then()
                .body("participants.findAll { it.role == 'guest' }.size()", equalTo(codes.size()));
    }

    static Response invite(String jwt, String sessionId, String displayName, int expiresInSeconds) {
        return as(jwt).body(Map.of("displayName", displayName, "expiresInSeconds", expiresInSeconds))
                .post(SESSIONS + "/" + sessionId + "/invites");
    }

    static Response redeem(String code, String displayName) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code, "displayName", displayName))
                .post(REDEEM);
    }

    /** The guest's client connects with their token, and the provider reports it. */
    private static String join(String sessionId, String userId) {
        String connectionId = Emulator.connect(sessionId, Api.connectionId());
        long now = Instant.now().toEpochMilli();
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, connectionId, now, now,
                Callbacks.connectionData(userId, "Guest", "guest"), null)).then().statusCode(204);
        return connectionId;
    }
}
