package com.smarttelehealth.video.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The connection budget (README, "Connection budget"): every pod the Deployment can run at once, the HPA's
 * maximum plus a rollout's surge, with each pod's pools full, fits the database's connections less a reserve
 * for operators and migrations. Checked for the base and each overlay, with the pool sizes the application
 * and the ConfigMap set.
 */
class ConnectionBudgetTest {

    /** PostgreSQL's default {@code max_connections}; a managed database's smallest plans give the same. */
    static final int DATABASE_CONNECTIONS = 100;
    /** Kept for superusers (PostgreSQL's own 3), operators' sessions, migrations and monitoring. */
    static final int RESERVE = 10;

    private static final Path K8S = Path.of("..", "k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyPodThatCanRunAtOnceFitsTheDatabase() throws IOException {
        Properties application = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            application.load(reader);
        }
        JsonNode configMap = YAML.readTree(K8S.resolve("base/configmap.yaml").toFile()).path("data");
        int jdbc = size(application, configMap, "quarkus.datasource.jdbc.max-size", "QUARKUS_DATASOURCE_JDBC_MAX_SIZE");
        int reactive = size(application, configMap, "quarkus.datasource.reactive.max-size",
                "QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE");
        // and the live feed's one LISTEN connection (live/LiveFeed), opened with a replica's first stream
        int perPod = jdbc + reactive + LISTEN_CONNECTIONS;

        JsonNode deployment = YAML.readTree(K8S.resolve("base/deployment.yaml").toFile());
        JsonNode surgeNode = deployment.path("spec").path("strategy").path("rollingUpdate").path("maxSurge");
        assertTrue(surgeNode.isInt(), "the Deployment states its rollout surge as a number of pods");
        int baseMaxReplicas = YAML.readTree(K8S.resolve("base/hpa.yaml").toFile()).path("spec").path("maxReplicas").asInt();

        List<String> layouts = new ArrayList<>(List.of("base"));
        try (var overlays = Files.list(K8S.resolve("overlays"))) {
            overlays.sorted().forEach(o -> layouts.add("overlays/" + o.getFileName()));
        }
        for (String layout : layouts) {
            int maxReplicas = layout.equals("base") ? baseMaxReplicas
                    : patched(K8S.resolve(layout + "/kustomization.yaml"), "/spec/maxReplicas", baseMaxReplicas);
            int pods = maxReplicas + surgeNode.asInt();
            int connections = pods * perPod;
            assertTrue(connections <= DATABASE_CONNECTIONS - RESERVE, layout + ": " + pods + " pods x " + perPod
                    + " connections (" + jdbc + " JDBC + " + reactive + " reactive + 1 LISTEN) = " + connections + ", over the "
                    + (DATABASE_CONNECTIONS - RESERVE) + " the budget gives the service");
        }
    }

    private static int size(Properties application, JsonNode configMap, String property, String environment) {
        if (configMap.has(environment)) {
            return Integer.parseInt(configMap.path(environment).asText());
        }
        String value = application.getProperty(property);
        assertTrue(value != null, property + " is set: an unset pool size is the extension's default, not our budget");
        return Integer.parseInt(value.strip());
    }

    /** The value an overlay's JSON patch gives {@code path}, or {@code otherwise}. */
    private static int patched(Path kustomization, String path, int otherwise) throws IOException {
        for (JsonNode patch : YAML.readTree(kustomization.toFile()).path("patches")) {
            for (JsonNode op : YAML.readTree(patch.path("patch").asText())) {
                if (path.equals(op.path("path").asText()) && op.has("value")) {
                    return op.path("value").asInt();
                }
            }
        }
        return otherwise;
    }

    /** The connections a replica holds besides its pools: the live feed's LISTEN. */
    private static final int LISTEN_CONNECTIONS = 1;
}
