package com.smarttelehealth.video.foundation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;
import com.smarttelehealth.video.support.TestProvider;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class FoundationTest {

    @Inject
    Flyway flyway;

    @Test
    void startsOnTheEmbeddedDatabaseWithTheMigrationsApplied() {
        assertTrue(flyway.info().current() != null, "a migration is applied");
        assertEquals(0, flyway.info().pending().length, "no migration is pending");
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"))
                .body("checks.name", hasItem("opentok"));
    }

    @Test
    void healthIsUpWithoutAuthentication() {
        given().get("/api/videocall/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'opentok' }.status", equalTo("UP"))
                .body(not(containsString("secret")));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void healthNeverCreatesAnOpenTokSession() {
        int before = Emulator.requests("/session/create").size();
        given().get("/api/videocall/health").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        assertEquals(before, Emulator.requests("/session/create").size());
    }

    @Test
    void refusesMissingExpiredTamperedAndForeignTokens() {
        Api.as(TestJwt.token("dr-1", "provider")).get(Api.SESSIONS).then().statusCode(200); // ours, for this service
        given().get(Api.SESSIONS).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("/problems/unauthenticated"))
                .body("status", equalTo(401))
                .body("title", notNullValue())
                .body("detail", notNullValue());
        for (String jwt : List.of(TestJwt.expired("dr-1", "provider"), TestJwt.tampered("dr-1", "provider"),
                TestJwt.foreignIssuer("dr-1", "provider"), TestJwt.foreignKey("dr-1", "provider"), "not-a-jwt",
                // signed by our identity provider, for another application of the platform, or for none
                TestJwt.foreignAudience("dr-1", "provider"), TestJwt.noAudience("dr-1", "provider"))) {
            given().header("Authorization", "Bearer " + jwt).get(Api.SESSIONS).then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/unauthenticated"));
        }
    }

    @Test
    void problemShapeFor400() {
        Api.as(TestJwt.token("dr-1", "provider")).body("{\"name\": ").post(Api.SESSIONS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/malformed-request"))
                .body("title", notNullValue()).body("status", equalTo(400)).body("detail", notNullValue())
                .body(not(containsString("Exception"))).body(not(containsString("jackson")));
        Api.as(TestJwt.token("dr-1", "provider")).body(Map.of("name", "")).post(Api.SESSIONS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation-failed"))
                .body("errors.field", hasItem("name"));
        Api.as(TestJwt.token("dr-1", "provider")).body(Map.of("name", "x", "mediaMode", "sideways"))
                .post(Api.SESSIONS).then().statusCode(400)
                .body("type", equalTo("/problems/validation-failed"))
                .body("errors.field", hasItem("mediaMode"));
        Api.as(TestJwt.token("dr-1", "provider")).body("{\"name\": \"nul\\u0000here\"}").post(Api.SESSIONS).then()
                .statusCode(400).body("type", equalTo("/problems/validation-failed")).body("errors.field", hasItem("name"));
        Api.as(TestJwt.token("dr-1", "provider")).urlEncodingEnabled(false).get(Api.SESSIONS + "/abc%00def").then()
                .statusCode(400).contentType("application/problem+json");
        Api.as(TestJwt.token("dr-1", "provider")).queryParam("size", "lots").get(Api.SESSIONS).then().statusCode(400)
                .body("type", equalTo("/problems/validation-failed"))
                .body("errors.field", hasItem("size"));
    }

    @Test
    void problemShapeFor404() {
        Api.as(TestJwt.token("dr-1", "provider")).get(Api.SESSIONS + "/no-such-session").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found")).body("status", equalTo(404));
        Api.as(TestJwt.token("dr-1", "provider")).get("/api/videocall/nothing-here").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"));
    }

    @Test
    void problemShapeFor413() {
        String big = "{\"name\": \"" + "x".repeat(70 * 1024) + "\"}";
        Api.as(TestJwt.token("dr-1", "provider")).body(big).post(Api.SESSIONS).then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/payload-too-large")).body("status", equalTo(413));
    }

    @Test
    void chunkedBodiesMeetTheSameLimitsAndAnEmptyOneIsAnswered() throws Exception {
        String jwt = TestJwt.token("dr-1", "provider");
        String tooBig = "{\"name\": \"" + "x".repeat(70 * 1024) + "\"}";
        String answer = rawPost(Api.SESSIONS, jwt, chunked(tooBig));
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("/problems/payload-too-large"), answer);

        answer = rawPost(Api.SESSIONS, jwt, chunked("{\"name\": \"Chunked\", \"consultationId\": \"" + Api.uniqueId("c")
                + "\"}"));
        assertTrue(answer.startsWith("HTTP/1.1 201"), answer);

        // an empty body, chunked or of length 0, is answered at once (it once held a worker thread)
        answer = rawPost(Api.SESSIONS, jwt, "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        answer = rawPost(Api.SESSIONS, jwt, "Content-Length: 0\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    }

    private static String chunked(String body) {
        StringBuilder request = new StringBuilder("Transfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < body.length(); i += 8192) {
            String chunk = body.substring(i, Math.min(body.length(), i + 8192));
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return request.append("0\r\n\r\n").toString();
    }

    /** A POST written by hand, so that its framing is exactly as given; answers the whole response. */
    private static String rawPost(String path, String jwt, String framingAndBody) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + jwt + "\r\nContent-Type: application/json\r\n";
            socket.getOutputStream().write((head + framingAndBody).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A misspelt option is refused, naming it, rather than ignored: here a waiting room asked for as "waitingRom". */
    @Test
    void unknownFieldsAreRefusedByName() {
        String jwt = TestJwt.token("dr-1", "provider");
        given().header("Authorization", "Bearer " + jwt).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "waitingRom", true)).post(Api.SESSIONS).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("/problems/validation-failed"))
                .body("errors[0].field", equalTo("waitingRom"))
                .body("errors[0].message", equalTo("is not a field of this request"));
        given().header("Authorization", "Bearer " + jwt).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "participants", List.of(Map.of("userId", "p", "role", "patient", "rol", "x"))))
                .post(Api.SESSIONS).then().statusCode(400).body("errors[0].field", equalTo("participants[0].rol"));
        given().header("Authorization", "Bearer " + TestJwt.token("svc", "service")).contentType(ContentType.JSON)
                .body(Map.of("plan", "premium", "monthlyMinuts", 5)).put("/api/videocall/entitlements/someone")
                .then().statusCode(400).body("errors[0].field", equalTo("monthlyMinuts"));
    }

    @Test
    void problemShapeFor415() {
        given().header("Authorization", "Bearer " + TestJwt.token("dr-1", "provider"))
                .contentType(ContentType.TEXT).body("name=x").post(Api.SESSIONS).then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/unsupported-media-type")).body("status", equalTo(415));
    }

    @Test
    void sessionCreateGoesThroughTheEmulatorSignedWithTheProjectSecret() {
        String sessionId = Api.as(TestJwt.token("dr-1", "provider"))
                .body(Map.of("name", "Check-up", "consultationId", Api.uniqueId("c")))
                .post(Api.SESSIONS).then().statusCode(201).extract().path("sessionId");
        Map<String, Object> recorded = Emulator.createRequestFor(sessionId);
        assertEquals(true, recorded.get("authorized"));
        @SuppressWarnings("unchecked")
        Map<String, Object> form = (Map<String, Object>) recorded.get("form");
        assertEquals("disabled", form.get("p2p.preference"), "routed by default");
        assertEquals("manual", form.get("archiveMode"));

        // timed under the contract's name, labelled with the provider that was called
        String provider = TestProvider.vonage() ? "vonage" : "opentok";
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(java.util.regex.Pattern.compile("(?m)^videocall_opentok_request_seconds_count\\{operation=\"create_session\","
                + "outcome=\"success\",provider=\"" + provider + "\",?\\} [1-9]").matcher(metrics).find(),
                "create_session timed with provider=" + provider);
        assertFalse(metrics.contains("provider=\"" + (TestProvider.vonage() ? "opentok" : "vonage") + "\""),
                "the other provider is never called");
    }

    @Test
    void emulatorRejectsARequestSignedWithTheWrongSecret() throws Exception {
        String url = "http://localhost:" + io.restassured.RestAssured.port + Emulator.BASE;
        if (TestProvider.vonage()) {
            // the right application id, signed with another key
            java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            String otherKey = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder()
                    .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
            var wrong = com.vonage.client.VonageClient.builder().applicationId(TestProvider.APPLICATION_ID)
                    .privateKeyContents(otherKey)
                    .httpConfig(com.vonage.client.HttpConfig.builder().videoBaseUri(url).build()).build().getVideoClient();
            com.vonage.client.VonageApiResponseException failure = org.junit.jupiter.api.Assertions.assertThrows(
                    com.vonage.client.VonageApiResponseException.class, wrong::createSession);
            assertEquals(401, failure.getStatusCode());
        } else {
            var wrong = new com.opentok.OpenTok.Builder(100001, "a-wrong-secret-that-is-long-enough-0123456789")
                    .apiUrl(url).build();
            try {
                com.opentok.exception.OpenTokException failure = org.junit.jupiter.api.Assertions.assertThrows(
                        com.opentok.exception.OpenTokException.class, wrong::createSession);
                assertTrue(failure.getMessage().contains("403"), failure.getMessage());
            } finally {
                wrong.close();
            }
        }
        List<Map<String, Object>> recorded = Emulator.requests("/session/create");
        assertFalse(recorded.isEmpty());
        assertEquals(false, recorded.get(recorded.size() - 1).get("authorized"));
        // and with no signature at all
        given().contentType(ContentType.URLENC).formParam("p2p.preference", "disabled")
                .post(Emulator.BASE + "/session/create").then().statusCode(TestProvider.vonage() ? 401 : 403);
    }


    @Test
    void metricsAndOpenApiAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/videocall/sessions"));
    }
}
