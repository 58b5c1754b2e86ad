package com.smarttelehealth.video.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Random and malformed callbacks, correctly signed so that they reach the parser: none may answer
 * 5xx, and every refusal is problem+json. Fixed seed, bounded count.
 */
@QuarkusTest
class CallbackFuzzTest {

    private static final String[] EVENTS = { "connectionCreated", "connectionDestroyed", "streamCreated",
            "streamDestroyed", "sessionCreated", "sessionDestroyed", "sessionNotification", "archive", "broadcast",
            "", "ConnectionCreated", "x" };
    private static final String[] STATUSES = { "started", "paused", "stopped", "uploaded", "available", "expired",
            "failed", "deleted", "weird", "" };

    @Test
    void randomCallbacksNeverAnswer5xx() {
        String session = Api.consultation("dr-fuzz", List.of("pat-fuzz"), List.of());
        Random random = new Random(20261124L);
        long deadline = System.currentTimeMillis() + 60_000;
        int sent = 0;
        for (int i = 0; i < 600 && System.currentTimeMillis() < deadline; i++, sent++) {
            String body = random.nextInt(10) == 0 ? garbage(random) : callback(random, session);
            Response response = Callbacks.post(body);
            int status = response.statusCode();
            assertTrue(status == 204 || status == 400 || status == 413, "status " + status + " for " + body);
            if (status != 204) {
                assertEquals("application/problem+json", response.contentType().split(";")[0], body);
            }
        }
        assertTrue(sent >= 100, "sent " + sent);
    }

    private static String callback(Random random, String session) {
        StringBuilder json = new StringBuilder("{");
        json.append("\"event\":").append(value(random, "\"" + EVENTS[random.nextInt(EVENTS.length)] + "\""));
        json.append(",\"sessionId\":").append(value(random, random.nextBoolean() ? "\"" + session + "\"" : "\"1_nope\""));
        json.append(",\"timestamp\":").append(value(random, Long.toString(random.nextLong() % 4_000_000_000_000L)));
        json.append(",\"id\":").append(value(random, "\"" + "a".repeat(random.nextInt(300)) + "\""));
        json.append(",\"status\":").append(value(random, "\"" + STATUSES[random.nextInt(STATUSES.length)] + "\""));
        json.append(",\"duration\":").append(value(random, Integer.toString(random.nextInt())));
        json.append(",\"size\":").append(value(random, Long.toString(random.nextLong())));
        json.append(",\"createdAt\":").append(value(random, Long.toString(Math.abs(random.nextLong() % 4_000_000_000_000L))));
        json.append(",\"connection\":").append(value(random, "{\"id\":\"c" + random.nextInt(50) + "\",\"createdAt\":"
                + Math.abs(random.nextLong() % 4_000_000_000_000L) + ",\"data\":\"" + data(random) + "\"}"));
        json.append(",\"stream\":").append(value(random, "{\"id\":\"s" + random.nextInt(50)
                + "\",\"videoType\":\"screen\",\"connection\":{\"id\":\"c1\"},\"createdAt\":1}"));
        json.append(",\"reason\":").append(value(random, "\"clientDisconnected\""));
        return json.append("}").toString();
    }

    /** Usually the given value; sometimes a value of another type, or null. */
    private static String value(Random random, String usual) {
        return switch (random.nextInt(8)) {
            case 0 -> "null";
            case 1 -> "[1,\"two\",{}]";
            case 2 -> "{\"nested\":{\"deeper\":[true]}}";
            case 3 -> "\"\\u0000\\u202e' OR 1=1 --/../../etc/passwd\"";
            case 4 -> Double.toString(random.nextDouble() * 1e300);
            default -> usual;
        };
    }

    private static String data(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Callbacks.connectionData("u" + random.nextInt(9), "N", "patient");
            case 1 -> "{\\\"userId\\\":" + random.nextInt() + "}";
            case 2 -> "x".repeat(random.nextInt(2000));
            default -> "";
        };
    }

    private static String garbage(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
