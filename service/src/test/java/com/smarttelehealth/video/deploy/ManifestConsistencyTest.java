package com.smarttelehealth.video.deploy;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;

/** The Kubernetes manifests match the application they deploy. */
@QuarkusTest
class ManifestConsistencyTest {

    /** The manifests, at the repository's root (the tests run in the service module). */
    private static final Path K8S = Path.of("..", "k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The settings the application reads (the contract's Configuration table, as environment names). */
    private static final Set<String> SETTINGS = Set.of("VIDEO_PROVIDER", "OPENTOK_API_KEY", "OPENTOK_API_SECRET",
            "OPENTOK_API_URL", "OPENTOK_CALLBACK_SECRET", "OPENTOK_REQUEST_TIMEOUT", "VONAGE_APPLICATION_ID",
            "VONAGE_PRIVATE_KEY_LOCATION", "VONAGE_API_URL", "VONAGE_CALLBACK_SECRET", "VONAGE_REQUEST_TIMEOUT",
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
            "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_AUDIENCES", "QUARKUS_HTTP_PORT", "VIDEOCALL_RATE_LIMIT_TOKEN_REQUESTS_PER_MINUTE",
            "VIDEOCALL_RATE_LIMIT_SESSION_CREATES_PER_MINUTE", "VIDEOCALL_RATE_LIMIT_INVITE_REDEEMS_PER_MINUTE",
            "VIDEOCALL_JOBS_INTERVAL");

    private static List<JsonNode> manifests() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.toString().contains("node_modules")).sorted().toList()) {
                documents.add(YAML.readTree(file.toFile()));
            }
        }
        return documents;
    }

    private static JsonNode kind(String kind) throws IOException {
        return manifests().stream().filter(m -> kind.equals(m.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in k8s/"));
    }

    @Test
    void theDeploymentUsesThePortAndProbePathsTheAppServes() throws IOException {
        JsonNode container = kind("Deployment").at("/spec/template/spec/containers/0");
        assertEquals(8080, container.at("/ports/0/containerPort").asInt(), "the app listens on 8080");
        assertEquals("http", kind("Service").at("/spec/ports/0/targetPort").asText());
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = container.at("/" + probe + "/httpGet/path").asText();
            assertTrue(path.startsWith("/q/health/"), probe + " " + path);
            given().get(path).then().statusCode(200);
        }
        JsonNode security = container.path("securityContext");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean());
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true));
        assertTrue(kind("Deployment").at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean());
    }

    @Test
    void theConfigMapSetsOnlySettingsTheAppReadsAndNoSecretIsCommitted() throws IOException {
        kind("ConfigMap").path("data").fieldNames().forEachRemaining(name ->
                assertTrue(SETTINGS.contains(name), name + " is not a setting of the service"));
        for (JsonNode manifest : manifests()) {
            assertFalse("Secret".equals(manifest.path("kind").asText()), "a Secret is committed");
            String text = manifest.toString().toLowerCase();
            assertFalse(text.contains("opentok_api_secret") || text.contains("password:"), "secret-looking data");
        }
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardQueryExistsAfterAScriptedFlow() throws IOException {
        // a scripted flow, so that the counters and timers with tags exist
        String patient = Api.uniqueId("pat");
        String sessionId = Api.consultation("dr-k8s", List.of(patient), List.of());
        String provider = TestJwt.token("dr-k8s", "provider");
        as(TestJwt.token(patient, "patient")).post(SESSIONS + "/" + sessionId + "/token").then().statusCode(201);
        Api.consent(sessionId, patient, "patient", true);
        String recordingId = as(provider).body("{}").post(SESSIONS + "/" + sessionId + "/recordings").then()
                .statusCode(201).extract().path("recordingId");
        as(provider).post("/api/videocall/recordings/" + recordingId + "/stop").then().statusCode(200);
        Api.consentToBroadcast(sessionId, patient, "patient", true);
        String broadcastId = as(provider).body("{\"hls\":{}}").post(SESSIONS + "/" + sessionId + "/broadcasts")
                .then().statusCode(201).extract().path("broadcastId");
        as(provider).post("/api/videocall/broadcasts/" + broadcastId + "/stop").then().statusCode(200);
        Callbacks.post(Callbacks.broadcast(sessionId, broadcastId, "stopped")).then().statusCode(204);
        Callbacks.post("{\"event\":\"unknownEvent\"}", null).then().statusCode(401);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        Set<String> queried = new TreeSet<>();
        queried.addAll(metricNames(kind("PrometheusRule").toString()));
        String dashboard = Files.readString(K8S.resolve("observability/grafana-dashboard.json"));
        Set<String> onTheDashboard = metricNames(JSON.readTree(dashboard).findValuesAsText("expr").toString());
        assertTrue(onTheDashboard.size() >= 10, "the dashboard's queries were read: " + onTheDashboard);
        queried.addAll(onTheDashboard);
        for (String name : queried) {
            assertTrue(Pattern.compile("(?m)^" + name + "[{ ]").matcher(metrics).find(),
                    name + " is queried by an alert or the dashboard but not exported");
        }
        for (String contract : List.of("videocall_sessions_created_total", "videocall_tokens_issued_total",
                "videocall_token_generation_seconds", "videocall_recordings_started_total",
                "videocall_recording_start_seconds", "videocall_recording_stop_seconds",
                "videocall_broadcasts_started_total", "videocall_webhook_events_total",
                "videocall_opentok_request_seconds", "videocall_active_connections")) {
            assertTrue(metrics.contains(contract), contract);
            assertTrue(onTheDashboard.stream().anyMatch(n -> n.startsWith(contract)), contract + " has a panel");
        }
    }

    /** The series a PromQL text selects, less kube-state-metrics' own ({@code kube_*}). */
    private static Set<String> metricNames(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher selectors = Pattern.compile("([a-z_][a-z0-9_]*)\\{").matcher(promql);
        while (selectors.find()) {
            if (!selectors.group(1).startsWith("kube_")) {
                names.add(selectors.group(1));
            }
        }
        return names;
    }
}
