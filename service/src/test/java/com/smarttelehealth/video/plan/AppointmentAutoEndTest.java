package com.smarttelehealth.video.plan;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With the jobs on a short timer, an appointment whose window closed ends without anyone asking. */
@QuarkusTest
@TestProfile(AppointmentAutoEndTest.FastJobs.class)
class AppointmentAutoEndTest {

    public static class FastJobs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("videocall.jobs.interval", "1s");
        }
    }

    @Test
    void endsWithinTheJobInterval() {
        Instant now = Instant.now();
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Past appointment");
        body.put("type", "appointment");
        body.put("appointmentId", uniqueId("a"));
        body.put("window", Map.of("startsAt", now.minusSeconds(7200).toString(),
                "endsAt", now.minusSeconds(20 * 60).toString()));
        body.put("participants", List.of(Map.of("userId", uniqueId("pat"), "role", "patient")));
        String provider = TestJwt.token("dr-auto", "provider");
        String sessionId = as(provider).body(body).post(SESSIONS).then().statusCode(201).extract().path("sessionId");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(provider)
                .get(SESSIONS + "/" + sessionId).then().body("status", equalTo("ended")));
    }
}
