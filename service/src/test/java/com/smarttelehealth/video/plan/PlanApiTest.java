package com.smarttelehealth.video.plan;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.devsupport.LocalPostgres;
import com.smarttelehealth.video.session.AppointmentCloser;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PlanApiTest {

    private static final String ENTITLEMENTS = "/api/videocall/entitlements/";

    @Inject
    QuotaEnforcementJob quotaJob;

    @Inject
    AppointmentCloser appointmentCloser;

    private final String service = TestJwt.token("backend", "service");

    /** A consultation with one patient, without touching the patient's plan. */
    private static String consultationWith(String patient) {
        return as(TestJwt.token("dr-p1", "provider")).body(Map.of("name", "Consultation", "consultationId",
                uniqueId("c"), "participants", List.of(Map.of("userId", patient, "role", "patient"))))
                .post(SESSIONS).then().statusCode(201).extract().path("sessionId");
    }

    /** A connection of the patient from {@code from} to {@code to} (open when null), as OpenTok reports it. */
    private static void connection(String sessionId, String patient, Instant from, Instant to) {
        String id = Api.connectionId();
        String data = Callbacks.connectionData(patient, "Pat", "patient");
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, id, from.toEpochMilli(), from.toEpochMilli(),
                data, null)).then().statusCode(204);
        if (to != null) {
            Callbacks.post(Callbacks.connection("connectionDestroyed", sessionId, id, from.toEpochMilli(),
                    to.toEpochMilli(), data, "clientDisconnected")).then().statusCode(204);
        }
    }

    private void expectMinutes(String patient, int used, Integer remaining) {
        as(service).get(ENTITLEMENTS + patient).then().statusCode(200)
                .body("minutesUsed", equalTo(used))
                .body("minutesRemaining", remaining == null ? nullValue() : equalTo(remaining));
    }

    @Test
    void plansAreSetAndReadByTheRightPeople() throws Exception {
        String patient = uniqueId("pat");
        as(TestJwt.token(patient, "patient")).get(ENTITLEMENTS + patient).then().statusCode(200)
                .body("userId", equalTo(patient)).body("plan", equalTo("none")).body("monthlyMinutes", nullValue())
                .body("minutesUsed", equalTo(0)).body("minutesRemaining", equalTo(0))
                .body("period", equalTo(YearMonth.now(ZoneOffset.UTC).toString()));
        as(service).body(Map.of("plan", "basic", "monthlyMinutes", 120)).put(ENTITLEMENTS + patient).then()
                .statusCode(200).body("plan", equalTo("basic")).body("monthlyMinutes", equalTo(120))
                .body("minutesRemaining", equalTo(120));
        as(TestJwt.token("admin-1", "admin")).body(Map.of("plan", "PREMIUM")).put(ENTITLEMENTS + patient).then()
                .statusCode(200).body("plan", equalTo("premium")).body("monthlyMinutes", nullValue())
                .body("minutesRemaining", nullValue());
        as(TestJwt.token(patient, "patient")).body(Map.of("plan", "premium")).put(ENTITLEMENTS + patient).then()
                .statusCode(403);
        as(TestJwt.token("dr-p1", "provider")).body(Map.of("plan", "premium")).put(ENTITLEMENTS + patient).then()
                .statusCode(403);
        as(TestJwt.token("someone-else", "patient")).get(ENTITLEMENTS + patient).then().statusCode(404);
        as(TestJwt.token("dr-p1", "provider")).get(ENTITLEMENTS + patient).then().statusCode(404);
        as(TestJwt.token("admin-1", "admin")).get(ENTITLEMENTS + patient).then().statusCode(200);
        io.restassured.RestAssured.given().get(ENTITLEMENTS + patient).then().statusCode(401);

        as(service).body(Map.of("plan", "basic")).put(ENTITLEMENTS + patient).then().statusCode(400)
                .body("errors.field", hasItem("monthlyMinutes"));
        as(service).body(Map.of("plan", "premium", "monthlyMinutes", 5)).put(ENTITLEMENTS + patient).then()
                .statusCode(400).body("errors.field", hasItem("monthlyMinutes"));
        as(service).body(Map.of("plan", "basic", "monthlyMinutes", -1)).put(ENTITLEMENTS + patient).then()
                .statusCode(400).body("errors.field", hasItem("monthlyMinutes"));
        as(service).body(Map.of("plan", "gold")).put(ENTITLEMENTS + patient).then().statusCode(400)
                .body("errors.field", hasItem("plan"));

        List<List<String>> audit = new ArrayList<>();
        try (Connection database = DriverManager.getConnection(LocalPostgres.jdbcUrl());
                PreparedStatement query = database.prepareStatement(
                        "select actor_id, plan, previous_plan from entitlement_change where user_id = ? order by id")) {
            query.setString(1, patient);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    audit.add(Arrays.asList(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
        }
        assertEquals(List.of(Arrays.asList("backend", "basic", null), List.of("admin-1", "premium", "basic")), audit,
                "every change is audited, with the plan before it");
    }

    @Test
    void meteringFromScriptedCallbacks() {
        Instant now = Instant.now();
        // one connection: 3 minutes
        String one = uniqueId("pat");
        Api.plan(one, "basic", 10);
        String s1 = consultationWith(one);
        connection(s1, one, now.minusSeconds(300), now.minusSeconds(120));
        expectMinutes(one, 3, 7);

        // two devices at once: each counts
        String two = uniqueId("pat");
        Api.plan(two, "basic", 10);
        String s2 = consultationWith(two);
        connection(s2, two, now.minusSeconds(600), now.minusSeconds(540));
        connection(s2, two, now.minusSeconds(590), now.minusSeconds(530));
        expectMinutes(two, 2, 8);

        // still connected: counts up to now (61 s so far: 2 minutes)
        String open = uniqueId("pat");
        Api.plan(open, "basic", 10);
        connection(consultationWith(open), open, now.minusSeconds(61), null);
        expectMinutes(open, 2, 8);

        // across the month boundary: only this month's part
        Instant monthStart = YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        String crossing = uniqueId("pat");
        Api.plan(crossing, "basic", 10);
        connection(consultationWith(crossing), crossing, monthStart.minusSeconds(600), monthStart.plusSeconds(240));
        expectMinutes(crossing, 4, 6);

        // a redelivered callback counts once
        String redelivered = uniqueId("pat");
        Api.plan(redelivered, "basic", 10);
        String s5 = consultationWith(redelivered);
        String id = Api.connectionId();
        String data = Callbacks.connectionData(redelivered, "Pat", "patient");
        long from = now.minusSeconds(200).toEpochMilli();
        long to = now.minusSeconds(80).toEpochMilli();
        for (int i = 0; i < 3; i++) {
            Callbacks.post(Callbacks.connection("connectionCreated", s5, id, from, from, data, null)).then().statusCode(204);
            Callbacks.post(Callbacks.connection("connectionDestroyed", s5, id, from, to, data, null)).then().statusCode(204);
        }
        expectMinutes(redelivered, 2, 8);

        // appointments use no plan minutes
        String appointment = appointmentWith(redelivered, now.minusSeconds(3600), now.plusSeconds(3600));
        connection(appointment, redelivered, now.minusSeconds(900), now.minusSeconds(300));
        expectMinutes(redelivered, 2, 8);
    }

    private static String appointmentWith(String patient, Instant startsAt, Instant endsAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Appointment");
        body.put("type", "appointment");
        body.put("appointmentId", uniqueId("a"));
        body.put("window", Map.of("startsAt", startsAt.toString(), "endsAt", endsAt.toString()));
        body.put("participants", List.of(Map.of("userId", patient, "role", "patient")));
        return as(TestJwt.token("dr-p1", "provider")).body(body).post(SESSIONS).then().statusCode(201)
                .extract().path("sessionId");
    }

    @Test
    void tokenTimeEnforcementAtTheExactEdge() {
        Instant now = Instant.now();
        String oneSecondLeft = uniqueId("pat");
        Api.plan(oneSecondLeft, "basic", 1);
        String s1 = consultationWith(oneSecondLeft);
        connection(s1, oneSecondLeft, now.minusSeconds(100), now.minusSeconds(41)); // 59 s used
        as(TestJwt.token(oneSecondLeft, "patient")).post(SESSIONS + "/" + s1 + "/token").then().statusCode(201);

        String noneLeft = uniqueId("pat");
        Api.plan(noneLeft, "basic", 1);
        String s2 = consultationWith(noneLeft);
        connection(s2, noneLeft, now.minusSeconds(100), now.minusSeconds(40)); // 60 s used
        as(TestJwt.token(noneLeft, "patient")).post(SESSIONS + "/" + s2 + "/token").then().statusCode(403)
                .body("type", equalTo("/problems/quota-exceeded"));

        String noPlan = uniqueId("pat");
        String s3 = consultationWith(noPlan);
        as(TestJwt.token(noPlan, "patient")).post(SESSIONS + "/" + s3 + "/token").then().statusCode(403)
                .body("type", equalTo("/problems/subscription-required"));
        String appointment = appointmentWith(noPlan, now.minusSeconds(600), now.plusSeconds(600));
        as(TestJwt.token(noPlan, "patient")).post(SESSIONS + "/" + appointment + "/token").then().statusCode(201);

        String premium = uniqueId("pat");
        Api.plan(premium, "premium", null);
        String s4 = consultationWith(premium);
        connection(s4, premium, now.minusSeconds(20 * 3600), now.minusSeconds(60));
        as(TestJwt.token(premium, "patient")).post(SESSIONS + "/" + s4 + "/token").then().statusCode(201);
        // the check is for patients only: the provider of a session is never metered
        as(TestJwt.token("dr-p1", "provider")).post(SESSIONS + "/" + s3 + "/token").then().statusCode(201);
    }

    @Test
    void theDisconnectJobCutsEachExhaustedConnectionOnceEvenWithTwoRunsAtOnce() throws Exception {
        Instant now = Instant.now();
        String patient = uniqueId("pat");
        Api.plan(patient, "basic", 1);
        String sessionId = consultationWith(patient);
        String phone = Emulator.connect(sessionId, Api.connectionId());
        String laptop = Emulator.connect(sessionId, Api.connectionId());
        String data = Callbacks.connectionData(patient, "Pat", "patient");
        for (String id : List.of(phone, laptop)) {
            long from = now.minusSeconds(45).toEpochMilli();
            Callbacks.post(Callbacks.connection("connectionCreated", sessionId, id, from, from, data, null))
                    .then().statusCode(204);
        }
        // a premium patient in the same call is left alone
        String premium = uniqueId("pat");
        Api.plan(premium, "premium", null);
        as(service).body(Map.of("userId", premium, "role", "patient")).post(SESSIONS + "/" + sessionId + "/participants")
                .then().statusCode(201);
        String other = Emulator.connect(sessionId, Api.connectionId());
        long from = now.minusSeconds(7200).toEpochMilli();
        Callbacks.post(Callbacks.connection("connectionCreated", sessionId, other, from, from,
                Callbacks.connectionData(premium, "P", "patient"), null)).then().statusCode(204);

        var first = CompletableFuture.supplyAsync(quotaJob::run);
        var second = CompletableFuture.supplyAsync(quotaJob::run);
        assertEquals(2, first.get() + second.get(), "two connections cut in all");
        assertEquals(0, quotaJob.run(), "a later run finds nothing more to do");

        for (String id : List.of(phone, laptop)) {
            assertEquals(1, Emulator.requests("/session/" + sessionId + "/connection/" + id).stream()
                    .filter(r -> "DELETE".equals(r.get("method"))).count(), "disconnected once: " + id);
        }
        assertEquals(List.of(other), Emulator.liveConnections(sessionId));
        as(service).queryParam("type", "quota_exhausted").get(SESSIONS + "/" + sessionId + "/events").then()
                .body("total", equalTo(2));
    }

    @Test
    void anAppointmentEndsByItselfOnceItsWindowCloses() {
        Instant now = Instant.now();
        String patient = uniqueId("pat");
        String closed = appointmentWith(patient, now.minusSeconds(7200), now.minusSeconds(16 * 60));
        String inGrace = appointmentWith(patient, now.minusSeconds(7200), now.minusSeconds(10 * 60));
        Api.consent(closed, patient, "patient", true);

        appointmentCloser.run();
        appointmentCloser.run();

        as(service).get(SESSIONS + "/" + closed).then().body("status", equalTo("ended"));
        as(service).get(SESSIONS + "/" + inGrace).then().body("status", equalTo("active"));
        as(service).queryParam("type", "session_ended").get(SESSIONS + "/" + closed + "/events").then()
                .body("total", equalTo(1)).body("items[0].details.reason", equalTo("window_closed"));
    }
}
