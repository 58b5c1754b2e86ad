package com.smarttelehealth.video.live;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.SseStream;
import com.smarttelehealth.video.support.SseStream.Message;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;

/** The live session feed, read as a web client reads it: with fetch, an Authorization header and Last-Event-ID. */
@QuarkusTest
class LiveFeedApiTest {

    private final String provider = TestJwt.token("dr-live", "provider");

    private static String live(String sessionId) {
        return SESSIONS + "/" + sessionId + "/live";
    }

    @Test
    void aParticipantSeesWhatHappensAsItHappensAndTheStreamClosesAfterTheEnd() throws Exception {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-live", List.of(patient), List.of());
        try (SseStream stream = SseStream.open(live(sessionId), TestJwt.token(patient, "patient"), null)) {
            assertEquals(200, stream.status());
            assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
            assertEquals("keep-alive", stream.nextComment(Duration.ofSeconds(5)), "a keep-alive comment comes");
            assertEquals(null, stream.next(Duration.ofMillis(300)), "what happened before is not replayed");

            as(provider).body(Map.of("userId", "interpreter-1", "role", "observer"))
                    .post(SESSIONS + "/" + sessionId + "/participants").then().statusCode(201);
            as(TestJwt.token(patient, "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201);
            Api.consent(sessionId, patient, "patient", true);
            String recordingId = as(provider).body(Map.of()).post(SESSIONS + "/" + sessionId + "/recordings").then()
                    .statusCode(201).extract().path("recordingId");
            as(provider).post("/api/videocall/recordings/" + recordingId + "/stop").then().statusCode(200);
            as(provider).delete(SESSIONS + "/" + sessionId).then().statusCode(204);

            List<Message> seen = stream.until("session_ended");
            List<String> types = seen.stream().map(Message::event).toList();
            assertEquals(List.of("participant_added", "consent_changed", "recording_started"), types.subList(0, 3));
            assertEquals(List.of("recording_stopped", "session_ended"), types.subList(3, 5));
            assertFalse(types.contains("token_issued"), "token issues are not in the feed");
            Message started = seen.get(2);
            assertEquals(recordingId, started.data().path("recordingId").asText());
            assertEquals("recording_started", started.data().path("type").asText());
            assertNotNull(started.id());
            assertTrue(SseStream.isClosed(stream.next(Duration.ofSeconds(5))), "the stream closes after session_ended");
        }
    }

    @Test
    void aResumeWithLastEventIdHasNoGapAndNoRepeat() throws Exception {
        String sessionId = Api.consultation("dr-live", List.of(), List.of());
        String first;
        try (SseStream stream = SseStream.open(live(sessionId), provider, null)) {
            addObserver(sessionId, "obs-a");
            first = stream.expect().id();
        }
        // meanwhile, with nobody listening
        List<String> missed = List.of("obs-b", "obs-c", "obs-d");
        missed.forEach(user -> addObserver(sessionId, user));
        try (SseStream stream = SseStream.open(live(sessionId), provider, first)) {
            List<String> resumed = new ArrayList<>();
            for (int i = 0; i < missed.size(); i++) {
                resumed.add(stream.expect().data().path("details").path("userId").asText());
            }
            assertEquals(missed, resumed, "exactly what was missed, in order");
            assertEquals(null, stream.next(Duration.ofMillis(500)), "and nothing twice");
            addObserver(sessionId, "obs-e");
            assertEquals("obs-e", stream.expect().data().path("details").path("userId").asText());
        }
    }

    @Test
    void whoMayOpenItAndHowMany() throws Exception {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-live", List.of(patient), List.of());
        try (SseStream outsider = SseStream.open(live(sessionId), TestJwt.token("dr-outsider", "provider"), null)) {
            assertEquals(404, outsider.status());
            assertTrue(outsider.contentType().startsWith("application/problem+json"), outsider.contentType());
            assertFalse(outsider.body().contains(sessionId));
        }
        try (SseStream anonymous = SseStream.open(live(sessionId), null, null)) {
            assertEquals(401, anonymous.status());
        }
        try (SseStream malformed = SseStream.open(live(sessionId), provider, "yesterday")) {
            assertEquals(400, malformed.status());
            assertTrue(malformed.body().contains("Last-Event-ID"));
        }
        String user = uniqueId("obs");
        addObserver(sessionId, user);
        List<SseStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(SseStream.open(live(sessionId), TestJwt.token(user, "patient"), null));
                assertEquals(200, open.get(i).status());
            }
            try (SseStream sixth = SseStream.open(live(sessionId), TestJwt.token(user, "patient"), null)) {
                assertEquals(429, sixth.status());
                assertTrue(sixth.body().contains("/problems/rate-limited"));
            }
        } finally {
            for (SseStream stream : open) {
                stream.close();
            }
        }
    }

    @Test
    void aRemovedParticipantsStreamEndsWithTheirRemoval() throws Exception {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-live", List.of(patient), List.of());
        try (SseStream stream = SseStream.open(live(sessionId), TestJwt.token(patient, "patient"), null)) {
            as(provider).delete(SESSIONS + "/" + sessionId + "/participants/" + patient).then().statusCode(204);
            assertEquals("participant_removed", stream.expect().event());
            addObserver(sessionId, "after-removal");
            assertTrue(SseStream.isClosed(stream.next(Duration.ofSeconds(5))), "nothing after the removal");
        }
    }

    @Test
    void aLostListenConnectionIsMadeAgainAndNothingIsMissed() throws Exception {
        String sessionId = Api.consultation("dr-live", List.of(), List.of());
        try (SseStream stream = SseStream.open(live(sessionId), provider, null)) {
            addObserver(sessionId, "before-the-cut");
            assertEquals("before-the-cut", stream.expect().data().path("details").path("userId").asText());
            // the database ends the replica's LISTEN connection, as a failover or a restart of PostgreSQL does
            try (java.sql.Connection database = java.sql.DriverManager.getConnection(
                    com.smarttelehealth.video.devsupport.LocalPostgres.jdbcUrl());
                    java.sql.ResultSet cut = database.createStatement().executeQuery("select count(*) from ("
                            + "select pg_terminate_backend(pid) from pg_stat_activity"
                            + " where application_name like '%-live') t")) {
                cut.next();
                assertEquals(1, cut.getInt(1), "the live feed's one LISTEN connection");
            }
            List<String> written = List.of("during-the-cut-1", "during-the-cut-2");
            written.forEach(user -> addObserver(sessionId, user));
            List<String> read = new ArrayList<>();
            for (int i = 0; i < written.size(); i++) {
                read.add(stream.expect().data().path("details").path("userId").asText());
            }
            assertEquals(written, read, "what was written while the LISTEN connection was down arrives, in order");
            addObserver(sessionId, "after-the-cut");
            assertEquals("after-the-cut", stream.expect().data().path("details").path("userId").asText());
        }
    }

    private void addObserver(String sessionId, String userId) {
        as(provider).body(Map.of("userId", userId, "role", "observer")).post(SESSIONS + "/" + sessionId + "/participants")
                .then().statusCode(201);
    }
}
