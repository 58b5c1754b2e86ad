package com.smarttelehealth.video.resilience;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.devsupport.DevVonageApplication;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;
import com.smarttelehealth.video.support.TestProvider;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Runs the flows that handle secrets (tokens, a broadcast's stream key, signed callbacks, failing
 * requests) and then reads every response body and the whole log: no client token, API secret,
 * callback secret, stream key or bearer JWT may appear. Our code and the SDK log at DEBUG in tests.
 */
@QuarkusTest
class SecretsStayHiddenTest {

    private static final String API_SECRET = "test-only-emulator-secret-0123456789abcdef";

    @Test
    void noSecretInAnyResponseOrLogLine() throws Exception {
        String patient = uniqueId("pat");
        String providerJwt = TestJwt.token("dr-secret", "provider");
        String patientJwt = TestJwt.token(patient, "patient");
        String streamKey = "live_" + uniqueId("streamkey");
        String urlKey = "url_" + uniqueId("streamkey"); // a stream key inside the RTMP server URL
        List<Response> responses = new ArrayList<>();

        String sessionId = Api.consultation("dr-secret", List.of(patient), List.of());
        Response token = as(patientJwt).post(SESSIONS + "/" + sessionId + "/token");
        String clientToken = token.then().statusCode(201).extract().path("token");
        responses.add(as(patientJwt).get(SESSIONS + "/" + sessionId + "/events"));
        Api.consentToBroadcast(sessionId, patient, "patient", true);
        responses.add(as(providerJwt).body(Map.of("rtmp", List.of(Map.of("id", "yt", "serverUrl",
                "rtmps://a.example/live/" + urlKey, "streamName", streamKey)))).post(SESSIONS + "/" + sessionId + "/broadcasts"));
        responses.get(responses.size() - 1).then().statusCode(201);
        responses.add(as(providerJwt).body(Map.of("rtmp", List.of(Map.of("id", "x", "serverUrl", "ftp://bad",
                "streamName", streamKey)))).post(SESSIONS + "/" + sessionId + "/broadcasts"));
        responses.add(as(providerJwt).get(SESSIONS + "/" + sessionId + "/broadcasts"));
        responses.add(as(TestJwt.expired("dr-secret", "provider")).get(SESSIONS));
        responses.add(as(patientJwt).body(Map.of("role", "moderator")).post(SESSIONS + "/" + sessionId + "/token"));
        String body = Callbacks.connection("connectionCreated", sessionId, Api.connectionId(), 1, 1,
                Callbacks.connectionData(patient, "Pat", "patient"), null);
        responses.add(Callbacks.post(body));
        responses.add(Callbacks.post(body, "Bearer " + Callbacks.sign(body.getBytes(), "wrong-secret-0123456789abcdefgh")));
        responses.add(as(providerJwt).get("/api/videocall/health"));
        responses.add(as(providerJwt).body("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}").post(SESSIONS));
        responses.get(responses.size() - 1).then().statusCode(400).body("type", equalTo("/problems/malformed-request"));

        // every other flow, so that whatever they log is read too
        String base = SESSIONS + "/" + sessionId;
        String observer = uniqueId("obs");
        responses.add(as(providerJwt).body(Map.of("userId", observer, "role", "observer")).post(base + "/participants"));
        String observerToken = as(TestJwt.token(observer, "patient")).post(base + "/token").then().statusCode(201)
                .extract().path("token"); // a token answer holds its token, of course: not scanned, but logged nowhere
        Api.consent(sessionId, patient, "patient", true);
        responses.add(as(patientJwt).get(base + "/consent"));
        Response recording = as(providerJwt).body(Map.of("outputMode", "composed")).post(base + "/recordings");
        responses.add(recording);
        String recordingId = recording.then().statusCode(201).extract().path("recordingId");
        responses.add(as(providerJwt).get("/api/videocall/recordings/" + recordingId));
        responses.add(as(providerJwt).post("/api/videocall/recordings/" + recordingId + "/stop"));
        Emulator.archiveStatus(recordingId, "available", 1024, 30);
        responses.add(as(patientJwt).accept("application/json").get("/api/videocall/recordings/" + recordingId + "/download"));
        responses.add(as(providerJwt).get(base + "/recordings"));
        String connection = Emulator.connect(sessionId, Api.connectionId());
        responses.add(Callbacks.post(Callbacks.connection("connectionCreated", sessionId, connection, 1, 1,
                Callbacks.connectionData(patient, "Pat", "patient"), null)));
        responses.add(Callbacks.post(Callbacks.archive(sessionId, recordingId, "available", 1, 30, 1024)));
        String chat = "chat-message-" + uniqueId("phi"); // signal data may be a patient's words: never logged
        responses.add(as(patientJwt).body(Map.of("type", "chat", "data", chat))
                .post(base + "/signals"));
        responses.add(as(providerJwt).body(Map.of("excludedStreamIds", List.of())).post(base + "/mute"));
        responses.add(as(patientJwt).body(Map.of("connectionId", connection, "roundTripMs", 40, "packetLossPercent", 1,
                "videoBitrateKbps", 900, "audioBitrateKbps", 48)).post(base + "/quality"));
        responses.add(as(providerJwt).get(base + "/connections"));
        responses.add(as(providerJwt).get(base + "/analytics"));
        responses.add(as(providerJwt).delete(base + "/connections/" + connection));
        responses.add(as(patientJwt).get("/api/videocall/entitlements/" + patient));
        responses.add(as(providerJwt).delete(base + "/participants/" + observer));
        // a phone call: the full number and the gateway's password appear nowhere
        String number = "+1555" + (1000000 + new java.util.Random().nextInt(8999999));
        Response dialled = as(providerJwt).body(Map.of("to", number, "userId", patient)).post(base + "/phone-calls");
        responses.add(dialled);
        String callId = dialled.then().statusCode(201).extract().path("callId");
        String leg = dialled.path("connectionId");
        responses.add(Callbacks.post(Callbacks.connection("connectionCreated", sessionId, leg, 1, 1,
                Callbacks.connectionData(patient, "Pat", "patient"), null)));
        responses.add(Callbacks.post(Callbacks.sipCall(sessionId, "callUpdated", leg, "answered")));
        responses.add(as(providerJwt).body(Map.of("digits", "1234#")).post("/api/videocall/phone-calls/" + callId + "/dtmf"));
        responses.add(as(providerJwt).get(base + "/phone-calls"));
        responses.add(as(providerJwt).body(Map.of("to", number.substring(0, 4))).post(base + "/phone-calls"));
        responses.add(as(providerJwt).delete("/api/videocall/phone-calls/" + callId));
        // a guest invite: its code appears in its one answer, and nowhere else
        Response invite = as(providerJwt).body(Map.of("displayName", "Interpreter")).post(base + "/invites");
        String code = invite.then().statusCode(201).extract().path("code");
        responses.add(as(providerJwt).get(base + "/invites"));
        io.restassured.RestAssured.given().contentType("application/json") // a token answer: not scanned, logged nowhere
                .body(Map.of("code", code, "displayName", "Guest")).post("/api/videocall/invites/redeem").then().statusCode(201);
        responses.add(io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("code", code, "displayName", "Guest")).post("/api/videocall/invites/redeem"));
        responses.add(as(providerJwt).delete(base));
        responses.add(as(providerJwt).get(base + "/events?size=100"));

        responses.add(io.restassured.RestAssured.given().get("/q/metrics"));

        List<String> secrets = new ArrayList<>(List.of(clientToken, observerToken, chat, "T1==", API_SECRET,
                Callbacks.SECRET, streamKey, urlKey, patientJwt, providerJwt, "PRIVATE KEY", number, number.substring(1, 9),
                "test-only-sip-password-0123456789", code.substring(code.indexOf('.') + 1)));
        // on Vonage: the application's private key (any line of it), and its client tokens' signed part
        List<String> keyLines = Files.readAllLines(DevVonageApplication.privateKey()).stream()
                .filter(line -> !line.startsWith("-----")).toList();
        secrets.addAll(keyLines);
        if (TestProvider.vonage()) {
            secrets.add(clientToken.substring(clientToken.indexOf('.') + 1));
        }
        for (Response response : responses) {
            String text = response.asString();
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "a response holds a secret: " + text);
            }
        }
        String log = Files.readString(Path.of("target/quarkus-test.log"));
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "the log holds a secret starting " + secret.substring(0, 4));
        }
    }
}
