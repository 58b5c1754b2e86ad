package com.smarttelehealth.video.session;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A token outlives its holder's right to use it: the provider cannot revoke what it signed, so the service cuts
 * at the door every connection the provider reports for someone who may not be in the call at that moment.
 * Here from the outside: a kept token is used after a removal and after the end, the provider reports the
 * connection, and the emulator must receive the force-disconnect.
 */
@QuarkusTest
class CallDoorTest {

    private final String provider = TestJwt.token("dr-door", "provider");

    @Test
    void aRemovedParticipantWhoRejoinsWithTheirKeptTokenIsCutAtOnce() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-door", List.of(patient), List.of());
        as(TestJwt.token(patient, "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201);
        as(provider).delete(SESSIONS + "/" + sessionId + "/participants/" + patient).then().statusCode(204);
        as(TestJwt.token(patient, "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(404);

        // the token they kept still opens a connection at the provider, which reports it
        String rejoined = join(sessionId, patient, "patient");
        Api.awaitCleanup(sessionId);
        assertFalse(Emulator.liveConnections(sessionId).contains(rejoined), "the removed patient was cut at the door");
        assertEquals(1, disconnects(sessionId, rejoined));
        as(provider).queryParam("type", "connection_refused").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1))
                .body("items[0].connectionId", equalTo(rejoined))
                .body("items[0].details.userId", equalTo(patient))
                .body("items[0].details.reason", equalTo("removed"));

        // the provider redelivers the report: nothing happens twice
        report(sessionId, rejoined, patient, "patient");
        Api.awaitCleanup(sessionId);
        assertEquals(1, disconnects(sessionId, rejoined));
        as(provider).queryParam("type", "connection_refused").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1));

        // whoever may be there is let in
        String clinician = join(sessionId, "dr-door", "provider");
        assertTrue(Emulator.liveConnections(sessionId).contains(clinician));
        assertEquals(0, disconnects(sessionId, clinician));
    }

    @Test
    void aTokenUsedAfterTheSessionEndedIsCutAtOnce() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-door", List.of(patient), List.of());
        as(TestJwt.token(patient, "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201);
        as(provider).delete(SESSIONS + "/" + sessionId).then().statusCode(204);

        String late = join(sessionId, patient, "patient");
        Api.awaitCleanup(sessionId);
        assertEquals(List.of(), Emulator.liveConnections(sessionId), "nobody stays in an ended session");
        assertEquals(1, disconnects(sessionId, late));
        as(provider).queryParam("type", "connection_refused").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(1))
                .body("items[0].details.userId", equalTo(patient))
                .body("items[0].details.reason", equalTo("session_ended"));
    }

    @Test
    void aConnectionThatNamesNoParticipantIsCut() {
        String sessionId = Api.consultation("dr-door", List.of(), List.of());
        String stranger = join(sessionId, "someone-never-added", "patient");
        String unlabelled = Emulator.connect(sessionId, Api.connectionId());
        long now = Instant.now().toEpochMilli();
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, unlabelled, now, now, "not ours", null))
                .then().statusCode(204);
        Api.awaitCleanup(sessionId);
        assertEquals(List.of(), Emulator.liveConnections(sessionId));
        assertEquals(1, disconnects(sessionId, stranger));
        assertEquals(1, disconnects(sessionId, unlabelled));
        as(provider).queryParam("type", "connection_refused").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(2));
    }

    /** A client connects with a token for {@code userId}, and the provider reports it; answers the connection id. */
    private static String join(String sessionId, String userId, String role) {
        String connectionId = Emulator.connect(sessionId, Api.connectionId());
        report(sessionId, connectionId, userId, role);
        return connectionId;
    }

    private static void report(String sessionId, String connectionId, String userId, String role) {
        long now = Instant.now().toEpochMilli();
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, connectionId, now, now,
                Callbacks.connectionData(userId, "Someone", role), null)).then().statusCode(204);
    }

    private static long disconnects(String sessionId, String connectionId) {
        return Emulator.requests("/session/" + sessionId + "/connection/" + connectionId).stream()
                .filter(r -> "DELETE".equals(r.get("method"))).count();
    }
}
