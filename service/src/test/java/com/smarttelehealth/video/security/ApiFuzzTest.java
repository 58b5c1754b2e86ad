package com.smarttelehealth.video.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A bounded fuzz test over every operation in {@code /q/openapi} (fixed seed, a request cap and a
 * time cap): malformed JSON, wrong types, huge, unicode, SQL-like and path-like values and ids,
 * and good, expired, tampered, foreign-key, foreign-issuer and garbage JWTs. No answer may be 5xx,
 * and every 4xx must be problem+json whose {@code status} is the HTTP status.
 */
@QuarkusTest
class ApiFuzzTest {

    private static final long SEED = 20261125L;
    private static final int REQUESTS = 3000;
    private static final long TIME_CAP_MS = 120_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");

    private static final String[] STRINGS = { "", " ", "a", "x".repeat(65), "x".repeat(121), "y".repeat(5000),
            "' OR '1'='1' --", "'; drop table video_session; --", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd",
            "%00", "\u0000", "\u202e\u200b", "患者", "🩺📹", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "null", "true", "-1", "1e309", "routed", "relayed", "always", "manual", "composed", "individual",
            "provider", "patient", "observer", "moderator", "publisher", "subscriber", "premium", "basic", "none",
            "consultation", "appointment", "1280x720", "bestFit", "custom", "chat", "2026-11-24T10:00:00Z",
            "not-a-date", "rtmps://a.example/live", "ftp://x", "+15551234567", "sip:+1555@gateway.test.invalid",
            "1234#", "p*", "en-US", "es-US", "xx-XX" };
    private static final String[] FIELDS = { "name", "type", "consultationId", "appointmentId", "chatRoomId",
            "mediaMode", "archiveMode", "e2ee", "window", "startsAt", "endsAt", "participants", "userId", "role",
            "displayName", "expiresInSeconds", "layoutClasses", "hasAudio", "hasVideo", "outputMode", "resolution",
            "layout", "stylesheet", "streamMode", "recording", "hls", "dvr", "lowLatency", "rtmp", "id",
            "serverUrl", "streamName", "maxDurationSeconds", "excludedStreamIds", "data", "connectionId", "plan",
            "monthlyMinutes", "roundTripMs", "packetLossPercent", "videoBitrateKbps", "audioBitrateKbps",
            "measuredAt", "code", "to", "digits", "languageCode", "partialCaptions" };

    private final Random random = new Random(SEED);

    record Operation(String method, String path) {
    }

    @Test
    void noRequestAnswers5xxAndEveryRefusalIsProblemJson() throws Exception {
        String provider = "dr-fuzz";
        String patient = Api.uniqueId("pat-fuzz");
        String sessionId = Api.consultation(provider, List.of(patient), List.of());
        Map<String, List<String>> ids = Map.of(
                "sessionId", List.of(sessionId, "1_MX4xMDAwMDF-fake", "bench-1"),
                "recordingId", List.of("b40ef09b-0000-4000-8000-000000000000", "not-a-uuid"),
                "broadcastId", List.of("b40ef09b-0000-4000-8000-000000000001"),
                "connectionId", List.of("conn-1"), "streamId", List.of("stream-1"),
                "userId", List.of(patient, "nobody"), "chatRoomId", List.of("room-1"),
                "inviteId", List.of(java.util.UUID.randomUUID().toString(), "not-an-invite"),
                "callId", List.of(java.util.UUID.randomUUID().toString(), "not-a-call"),
                "captionsId", List.of(java.util.UUID.randomUUID().toString(), "not-captions"));
        List<String> jwts = List.of(TestJwt.token(provider, "provider"), TestJwt.token(patient, "patient"),
                TestJwt.token("outsider", "patient"), TestJwt.token("ops", "admin"), TestJwt.token("svc", "service"),
                TestJwt.expired(provider, "provider"), TestJwt.tampered(provider, "provider"),
                TestJwt.foreignKey(provider, "provider"), TestJwt.foreignIssuer(provider, "provider"),
                TestJwt.token("x".repeat(65), "patient"), TestJwt.token(provider), "garbage", "a.b.c", "");
        List<Operation> operations = operations();
        assertTrue(operations.size() >= 30, "operations read from /q/openapi: " + operations.size());

        RestAssuredConfig noRedirects = RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false));
        Map<Integer, Integer> statuses = new TreeMap<>();
        long deadline = System.currentTimeMillis() + TIME_CAP_MS;
        int sent = 0;
        for (; sent < REQUESTS && System.currentTimeMillis() < deadline; sent++) {
            Operation operation = operations.get(random.nextInt(operations.size()));
            // the live feed of a real session streams until the session ends: the fuzz sends it only what cannot
            // open a stream (LiveFeedApiTest reads real streams)
            String url = url(operation.path(), operation.path().endsWith("/live") ? Map.of("sessionId",
                    List.of("1_MX4xMDAwMDF-fake", "bench-1")) : ids);
            RequestSpecification request = given().config(noRedirects).urlEncodingEnabled(false);
            String jwt = jwts.get(random.nextInt(jwts.size()));
            if (random.nextInt(12) != 0) {
                request.header("Authorization", "Bearer " + jwt);
            }
            String body = null;
            if (!operation.method().equals("GET") && !operation.method().equals("DELETE") || random.nextInt(10) == 0) {
                body = body();
                request.contentType(random.nextInt(15) == 0 ? "text/plain" : "application/json").body(body);
            }
            if (operation.method().equals("GET") && random.nextBoolean()) {
                url += (url.contains("?") ? "&" : "?") + "page=" + encode(pick()) + "&size=" + encode(pick())
                        + "&type=" + encode(pick()) + "&status=" + encode(pick());
            }
            Response response = request.request(operation.method(), url);
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            String what = operation.method() + " " + abbreviate(url) + " body " + abbreviate(body) + " -> " + status + " "
                    + abbreviate(response.asString());
            assertTrue(status < 500, what);
            if (status >= 400) {
                assertEquals("application/problem+json", String.valueOf(response.contentType()).split(";")[0], what);
                JsonNode problem = JSON.readTree(response.asString());
                assertEquals(status, problem.path("status").asInt(), what);
                assertTrue(problem.path("type").asText().startsWith("/problems/"), what);
                assertTrue(!problem.path("title").asText().isEmpty(), what);
            }
        }
        assertTrue(sent >= 1000, "sent " + sent + " requests before the time cap");
        assertTrue(statuses.keySet().stream().anyMatch(s -> s < 300), "some requests got through: " + statuses);
        assertTrue(statuses.containsKey(400) && statuses.containsKey(401) && statuses.containsKey(404),
                "the fuzz reached validation, authentication and lookups: " + statuses);
    }

    private List<Operation> operations() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, methods) -> methods.keySet().stream()
                .filter(m -> List.of("get", "post", "put", "delete").contains(m))
                .forEach(m -> operations.add(new Operation(m.toUpperCase(), path))));
        operations.sort((a, b) -> (a.method() + a.path()).compareTo(b.method() + b.path()));
        return operations;
    }

    private String url(String template, Map<String, List<String>> ids) {
        Matcher parameter = PARAMETER.matcher(template);
        StringBuilder url = new StringBuilder();
        while (parameter.find()) {
            List<String> known = ids.getOrDefault(parameter.group(1), List.of("x"));
            String value = random.nextInt(3) == 0 ? pick() : known.get(random.nextInt(known.size()));
            parameter.appendReplacement(url, Matcher.quoteReplacement(encode(value.isEmpty() ? "e" : value)));
        }
        parameter.appendTail(url);
        return url.toString();
    }

    private String body() {
        return switch (random.nextInt(12)) {
            case 0 -> "{\"name\":";
            case 1 -> "not json";
            case 2 -> "[1,2,3]";
            case 3 -> "";
            case 4 -> "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
            case 5 -> "\"just a string\"";
            default -> object(0).toString();
        };
    }

    private StringBuilder object(int depth) {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(8);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(quote(FIELDS[random.nextInt(FIELDS.length)])).append(':').append(value(depth));
        }
        return json.append('}');
    }

    private String value(int depth) {
        return switch (random.nextInt(depth > 2 ? 6 : 9)) {
            case 0 -> quote(pick());
            case 1 -> Long.toString(random.nextLong());
            case 2 -> Integer.toString(random.nextInt(200_000) - 100);
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> "null";
            case 5 -> Double.toString(random.nextDouble() * 1e12);
            case 6 -> object(depth + 1).toString();
            case 7 -> "[" + value(depth + 1) + "," + value(depth + 1) + "]";
            default -> "[" + object(depth + 1) + "]";
        };
    }

    private String pick() {
        return STRINGS[random.nextInt(STRINGS.length)];
    }

    private static String quote(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text == null ? "-" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
