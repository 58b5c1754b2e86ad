package com.smarttelehealth.video.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;

/** The OpenTok emulator's admin API, as tests use it to read what the service sent and to inject faults. */
public final class Emulator {

    public static final String BASE = "/_dev/opentok";

    private Emulator() {
    }

    public static void reset() {
        given().delete(BASE + "/_admin").then().statusCode(204);
    }

    /** The requests the emulator received whose path contains {@code pathPart}. */
    public static List<Map<String, Object>> requests(String pathPart) {
        return given().queryParam("path", pathPart).get(BASE + "/_admin/requests")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    public static Map<String, Object> createRequestFor(String sessionId) {
        return requests("/session/create").stream()
                .filter(r -> sessionId.equals(r.get("createdSessionId")))
                .findFirst().orElseThrow(() -> new AssertionError("no session create recorded for " + sessionId));
    }

    public static void fault(String pathContains, int status, long delayMs, boolean drop, int times) {
        given().contentType(ContentType.JSON)
                .body(Map.of("pathContains", pathContains, "status", status, "delayMs", delayMs, "drop", drop, "times", times))
                .post(BASE + "/_admin/faults").then().statusCode(204);
    }

    public static void clearFaults() {
        given().delete(BASE + "/_admin/faults").then().statusCode(204);
    }

    public static String connect(String sessionId, String connectionId) {
        return given().contentType(ContentType.JSON).body(Map.of("connectionId", connectionId))
                .post(BASE + "/_admin/sessions/" + sessionId + "/connections")
                .then().statusCode(201).extract().path("connectionId");
    }

    /** Moves an archive along its lifecycle, as OpenTok does. */
    public static void archiveStatus(String archiveId, String status, long size, int duration) {
        given().contentType(ContentType.JSON).body(Map.of("status", status, "size", size, "duration", duration))
                .post(BASE + "/_admin/archives/" + archiveId + "/status").then().statusCode(200);
    }

    /** The last JSON body the emulator received on a path containing {@code pathPart} with {@code method}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> lastBody(String pathPart, String method) {
        List<Map<String, Object>> matching = requests(pathPart).stream().filter(r -> method.equals(r.get("method"))).toList();
        if (matching.isEmpty()) {
            throw new AssertionError("no " + method + " request to " + pathPart);
        }
        return (Map<String, Object>) matching.get(matching.size() - 1).get("body");
    }

    /**
     * Starts an archive of the session as someone else would, with the provider's own SDK and the test credentials
     * (not through the service): the recording the service did not start. Answers its id.
     */
    public static String startArchiveElsewhere(String sessionId) {
        String url = "http://localhost:" + io.restassured.RestAssured.port + BASE;
        if (TestProvider.vonage()) {
            return com.vonage.client.VonageClient.builder().applicationId(TestProvider.APPLICATION_ID)
                    .privateKeyPath(com.smarttelehealth.video.devsupport.DevVonageApplication.privateKey())
                    .httpConfig(com.vonage.client.HttpConfig.builder().videoBaseUri(url).build()).build()
                    .getVideoClient().createArchive(com.vonage.client.video.Archive.builder(sessionId).build())
                    .getId().toString();
        }
        com.opentok.OpenTok elsewhere = new com.opentok.OpenTok.Builder(Integer.parseInt(TestProvider.API_KEY),
                TestProvider.API_SECRET).apiUrl(url).build();
        try {
            return elsewhere.startArchive(sessionId).getId();
        } catch (com.opentok.exception.OpenTokException e) {
            throw new IllegalStateException(e);
        } finally {
            elsewhere.close();
        }
    }

    public static List<String> liveConnections(String sessionId) {
        return given().get(BASE + "/_admin/sessions/" + sessionId).then().statusCode(200)
                .extract().jsonPath().getList("connections");
    }
}
