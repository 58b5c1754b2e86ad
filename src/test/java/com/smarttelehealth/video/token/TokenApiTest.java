package com.smarttelehealth.video.token;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
class TokenApiTest {

    private static final String SECRET = "test-only-emulator-secret-0123456789abcdef";

    @Test
    void issuesADecodableT1TokenWithServerSetConnectionData() throws Exception {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-t1", List.of(patient), List.of());
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ExtractableResponse<Response> response = as(TestJwt.named(patient, "Someone Else", "patient"))
                .body(Map.of("expiresInSeconds", 600, "layoutClasses", List.of("focus"),
                        "connectionData", "{\"userId\":\"admin\"}", "userId", "admin"))
                .post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("token", startsWith("T1=="))
                .body("apiKey", equalTo("100001"))
                .body("sessionId", equalTo(sessionId))
                .body("role", equalTo("publisher"))
                .body("connectionData.userId", equalTo(patient))
                .body("connectionData.displayName", equalTo("Patient " + patient))
                .body("connectionData.role", equalTo("patient"))
                .extract();

        Map<String, String> token = decode(response.path("token"));
        assertEquals(sessionId, token.get("session_id"));
        assertEquals("publisher", token.get("role"));
        assertEquals("focus", token.get("initial_layout_class_list"));
        long expire = Long.parseLong(token.get("expire_time"));
        assertTrue(expire >= before.getEpochSecond() + 600 && expire <= Instant.now().getEpochSecond() + 601, "expiry");
        assertEquals(Instant.parse(response.path("expiresAt")).getEpochSecond(), expire);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = new ObjectMapper().readValue(token.get("connection_data"), Map.class);
        assertEquals(Map.of("userId", patient, "displayName", "Patient " + patient, "role", "patient"), data);

        as(TestJwt.token(patient, "patient")).get(SESSIONS + "/" + sessionId + "/events").then()
                .body("items.type", hasItem("token_issued"))
                .body(not(org.hamcrest.Matchers.containsString("T1==")));
    }

    /** Decodes a T1 token and checks its HMAC-SHA1 signature with the project secret. */
    static Map<String, String> decode(String token) throws Exception {
        String inner = new String(Base64.getDecoder().decode(token.substring(4).replace('-', '+').replace('_', '/')),
                StandardCharsets.UTF_8);
        String[] parts = inner.split(":", 2);
        Map<String, String> head = parse(parts[0]);
        assertEquals("100001", head.get("partner_id"));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(parts[1].getBytes(StandardCharsets.UTF_8))) {
            hex.append(String.format("%02x", b));
        }
        assertEquals(hex.toString(), head.get("sig"), "the token is signed with the project secret");
        return parse(parts[1]);
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    @Test
    void theRoleFollowsTheParticipantRoleWithItsCeiling() throws Exception {
        String patient = uniqueId("pat");
        String observer = uniqueId("obs");
        String sessionId = Api.consultation("dr-t2", List.of(patient), List.of(observer));
        String token = SESSIONS + "/" + sessionId + "/token";

        assertEquals("moderator", decode(as(TestJwt.token("dr-t2", "provider")).post(token).then().statusCode(201)
                .body("role", equalTo("moderator")).extract().path("token")).get("role"));
        as(TestJwt.token("dr-t2", "provider")).body(Map.of("role", "subscriber")).post(token).then().statusCode(201)
                .body("role", equalTo("subscriber"));
        as(TestJwt.token(patient, "patient")).body(Map.of("role", "Moderator")).post(token).then().statusCode(403)
                .body("type", equalTo("/problems/forbidden"));
        as(TestJwt.token(patient, "patient")).body(Map.of("role", "subscriber")).post(token).then().statusCode(201);
        // an observer takes part with whatever JWT groups they have: the participant role decides
        assertEquals("subscriber", decode(as(TestJwt.token(observer, "patient")).post(token).then().statusCode(201)
                .body("role", equalTo("subscriber")).body("connectionData.role", equalTo("observer"))
                .extract().path("token")).get("role"));
        as(TestJwt.token(observer, "provider")).body(Map.of("role", "publisher")).post(token).then().statusCode(403);
    }

    @Test
    void validatesTheBody() {
        String patient = uniqueId("pat");
        String sessionId = Api.consultation("dr-t3", List.of(patient), List.of());
        String token = SESSIONS + "/" + sessionId + "/token";
        String jwt = TestJwt.token(patient, "patient");
        as(jwt).body(Map.of("expiresInSeconds", 59)).post(token).then().statusCode(400)
                .body("errors.field", hasItem("expiresInSeconds"));
        as(jwt).body(Map.of("expiresInSeconds", 86401)).post(token).then().statusCode(400)
                .body("errors.field", hasItem("expiresInSeconds"));
        as(jwt).body(Map.of("expiresInSeconds", "soon")).post(token).then().statusCode(400)
                .body("errors.field", hasItem("expiresInSeconds"));
        as(jwt).body(Map.of("role", "owner")).post(token).then().statusCode(400).body("errors.field", hasItem("role"));
        as(jwt).body(Map.of("layoutClasses", List.of("a b"))).post(token).then().statusCode(400)
                .body("errors.field", hasItem("layoutClasses[0]"));
        as(jwt).body(Map.of("expiresInSeconds", 60)).post(token).then().statusCode(201);
        as(jwt).body(Map.of("expiresInSeconds", 86400)).post(token).then().statusCode(201);
    }

    @Test
    void adminAndServiceGetNoToken() {
        String sessionId = Api.consultation("dr-t4", List.of(), List.of());
        as(TestJwt.token("admin-1", "admin")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(403)
                .body("type", equalTo("/problems/forbidden"));
        as(TestJwt.token("svc", "service")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(403);
        as(TestJwt.token("stranger", "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(404);
    }

    @Test
    void theAppointmentWindowEdges() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Duration grace = Duration.ofMinutes(15);
        Duration margin = Duration.ofSeconds(30);
        // opens 15 minutes before startsAt
        assertToken(now.plus(grace).minus(margin), now.plus(Duration.ofHours(1)), 201);
        assertToken(now.plus(grace).plus(margin), now.plus(Duration.ofHours(1)), 403);
        // closes 15 minutes after endsAt
        assertToken(now.minus(Duration.ofHours(1)), now.minus(grace).plus(margin), 201);
        assertToken(now.minus(Duration.ofHours(1)), now.minus(grace).minus(margin), 403);
    }

    private void assertToken(Instant startsAt, Instant endsAt, int status) {
        String patient = uniqueId("pat");
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Appointment");
        body.put("type", "appointment");
        body.put("appointmentId", uniqueId("a"));
        body.put("window", Map.of("startsAt", startsAt.toString(), "endsAt", endsAt.toString()));
        body.put("participants", List.of(Map.of("userId", patient, "role", "patient")));
        String sessionId = as(TestJwt.token("dr-t5", "provider")).body(body).post(SESSIONS).then().statusCode(201)
                .body("window.startsAt", equalTo(startsAt.toString())).extract().path("sessionId");
        var then = as(TestJwt.token(patient, "patient")).post(SESSIONS + "/" + sessionId + "/token").then()
                .statusCode(status);
        if (status == 403) {
            then.body("type", equalTo("/problems/outside-appointment-window"));
        }
    }
}
