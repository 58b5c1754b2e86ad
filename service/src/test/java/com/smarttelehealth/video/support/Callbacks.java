package com.smarttelehealth.video.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;

import io.restassured.response.Response;

/** Posts the provider's callbacks to the service, in its shapes, signed as Vonage signs them. */
public final class Callbacks {

    public static final String PATH = "/api/videocall/webhooks/opentok";
    public static final String SECRET = "test-only-callback-secret-0123456789abcdef";

    private Callbacks() {
    }

    public static Response post(String body) {
        return post(body, sign(body.getBytes(StandardCharsets.UTF_8), SECRET));
    }

    public static Response post(String body, String authorization) {
        var request = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.post(PATH);
    }

    public static String sign(byte[] body, String secret) {
        return sign(body, secret, TestProvider.APPLICATION_ID);
    }

    /** Signed as Vonage signs for the application {@code applicationId} (none when null). */
    public static String sign(byte[] body, String secret, String applicationId) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer("Vonage");
            claims.setIssuedAtToNow();
            claims.setGeneratedJwtId();
            claims.setStringClaim("api_key", "100001");
            if (applicationId != null) {
                claims.setStringClaim("application_id", applicationId);
            }
            claims.setStringClaim("payload_hash", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Who sent it, as each provider says: OpenTok's project, or Vonage's application. */
    private static String owner() {
        return TestProvider.vonage() ? "\"applicationId\":\"" + TestProvider.APPLICATION_ID + "\""
                : "\"projectId\":\"100001\",\"partnerId\":100001";
    }

    public static String connectionData(String userId, String displayName, String role) {
        return "{\\\"userId\\\":\\\"" + userId + "\\\",\\\"displayName\\\":\\\"" + displayName + "\\\",\\\"role\\\":\\\"" + role + "\\\"}";
    }

    public static String connection(String event, String sessionId, String connectionId, long createdAt, long timestamp,
            String data, String reason) {
        return "{\"sessionId\":\"" + sessionId + "\"," + owner() + ",\"event\":\"" + event + "\",\"timestamp\":"
                + timestamp + ",\"connection\":{\"id\":\"" + connectionId + "\",\"createdAt\":" + createdAt
                + ",\"data\":\"" + data + "\"}" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
    }

    /** A SIP call's callCreated, callUpdated (with {@code state}) or callDestroyed, for the call on that connection. */
    public static String sipCall(String sessionId, String event, String connectionId, String state) {
        long now = java.time.Instant.now().toEpochMilli();
        return "{\"sessionId\":\"" + sessionId + "\"," + owner() + ",\"event\":\"" + event + "\",\"timestamp\":" + now
                + ",\"connection\":{\"id\":\"" + connectionId + "\",\"createdAt\":" + now + "},\"call\":{\"id\":\""
                + java.util.UUID.randomUUID() + "\",\"connectionId\":\"" + connectionId + "\""
                + (state == null ? "" : ",\"state\":\"" + state + "\"") + "}}";
    }

    public static String stream(String event, String sessionId, String streamId, String connectionId, long createdAt,
            long timestamp, String videoType, String reason) {
        return "{\"sessionId\":\"" + sessionId + "\"," + owner() + ",\"event\":\"" + event + "\",\"timestamp\":"
                + timestamp + ",\"stream\":{\"id\":\"" + streamId + "\",\"connection\":{\"id\":\"" + connectionId
                + "\",\"createdAt\":" + createdAt + ",\"data\":\"\"},\"createdAt\":" + createdAt
                + ",\"name\":\"cam\",\"videoType\":\"" + videoType + "\"}"
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
    }

    public static String archive(String sessionId, String archiveId, String status, long createdAt, long duration,
            long size) {
        return "{\"id\":\"" + archiveId + "\",\"event\":\"archive\",\"createdAt\":" + createdAt + ",\"duration\":"
                + duration + ",\"name\":\"auto\"," + owner() + ",\"reason\":\"\",\"resolution\":\"640x480\","
                + "\"sessionId\":\"" + sessionId + "\",\"size\":" + size + ",\"status\":\"" + status
                + "\",\"streamMode\":\"auto\",\"outputMode\":\"composed\",\"url\":"
                + ("available".equals(status) ? "\"https://storage.example/" + archiveId + ".mp4\"" : "null") + "}";
    }

    public static String broadcast(String sessionId, String broadcastId, String status) {
        return broadcast(sessionId, broadcastId, status, "");
    }

    /** A broadcast callback whose RTMP targets report the given statuses: {@code rtmp} is id, status, id, status... */
    public static String broadcast(String sessionId, String broadcastId, String status, String... rtmp) {
        StringBuilder targets = new StringBuilder();
        for (int i = 0; i + 1 < rtmp.length; i += 2) {
            targets.append(targets.length() == 0 ? "" : ",").append("{\"id\":\"").append(rtmp[i])
                    .append("\",\"serverUrl\":\"rtmps://a.example/live\",\"streamName\":\"key\",\"status\":\"")
                    .append(rtmp[i + 1]).append("\"}");
        }
        return "{\"id\":\"" + broadcastId + "\",\"event\":\"broadcast\",\"sessionId\":\"" + sessionId
                + "\"," + owner() + ",\"createdAt\":1,\"updatedAt\":2,\"status\":\"" + status
                + "\",\"broadcastUrls\":{\"hls\":\"https://hls.example/x.m3u8\",\"rtmp\":[" + targets
                + "]},\"maxDuration\":7200,\"resolution\":\"640x480\"}";
    }
}
