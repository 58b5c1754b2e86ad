package com.smarttelehealth.video.packaged;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.smarttelehealth.video.devsupport.LocalPostgres;
import com.smarttelehealth.video.devsupport.DevVonageApplication;
import com.smarttelehealth.video.devsupport.OpenTokEmulator;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.TestJwt;
import com.smarttelehealth.video.support.TestProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * What the packaged (prod) application needs from outside, as a real deployment gives it: a
 * PostgreSQL, the video provider's endpoint and credentials (here the emulator, run in the test JVM because the
 * prod build does not carry it, in the dialect of the provider the run is for: {@link TestProvider}) and the
 * identity provider's public key.
 */
public class PackagedAppResources implements QuarkusTestResourceLifecycleManager {

    static final String API_KEY = "100002";
    static final String API_SECRET = "packaged-test-secret-0123456789abcdef0123";

    private static volatile String emulatorUrl;
    private static volatile Map<String, String> settings = Map.of();

    private Vertx vertx;

    /** What the packaged application answers as a token's {@code apiKey}: the project key, or the application id. */
    static String clientKey() {
        return TestProvider.vonage() ? TestProvider.APPLICATION_ID : API_KEY;
    }

    /** Where the emulator of the running packaged test listens, for tests that read what it received. */
    static String emulatorUrl() {
        return emulatorUrl;
    }

    /** Requests to that emulator's admin API ({@code /_admin/...}). */
    static io.restassured.specification.RequestSpecification emulator() {
        return io.restassured.RestAssured.given().baseUri(emulatorUrl).contentType(io.restassured.http.ContentType.JSON);
    }

    /** The settings the running packaged test was given, for a second replica to share them. */
    static Map<String, String> settings() {
        return settings;
    }

    /** Settings a subclass adds for its tests. */
    protected Map<String, String> extraSettings() {
        return Map.of();
    }

    @Override
    public Map<String, String> start() {
        try {
            vertx = Vertx.vertx();
            Router router = Router.router(vertx);
            boolean vonage = TestProvider.vonage();
            OpenTokEmulator emulator = vonage
                    ? OpenTokEmulator.vonage(vertx, TestProvider.APPLICATION_ID,
                            DevVonageApplication.publicKeyOf(DevVonageApplication.privateKey()))
                    : new OpenTokEmulator(vertx, API_KEY, API_SECRET);
            emulator.mount(router, "/opentok");
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            emulatorUrl = "http://127.0.0.1:" + server.actualPort() + "/opentok";
            emulator.baseUrl(emulatorUrl);
            Map<String, String> given = new java.util.HashMap<>(Map.of(
                    "quarkus.datasource.jdbc.url", LocalPostgres.jdbcUrl(),
                    "quarkus.datasource.username", LocalPostgres.USER,
                    "quarkus.datasource.password", "postgres",
                    "mp.jwt.verify.publickey.location",
                    Path.of("src/test/resources/jwt/publicKey.pem").toAbsolutePath().toUri().toString(),
                    "mp.jwt.verify.issuer", TestJwt.ISSUER,
                    "mp.jwt.verify.audiences", TestJwt.AUDIENCE));
            given.putAll(vonage ? Map.of(
                    "video.provider", "vonage",
                    "vonage.application-id", TestProvider.APPLICATION_ID,
                    "vonage.private-key-location", DevVonageApplication.privateKey().toString(),
                    "vonage.api-url", emulatorUrl,
                    "vonage.callback-secret", Callbacks.SECRET) : Map.of(
                    "video.provider", "opentok",
                    "opentok.api-key", API_KEY,
                    "opentok.api-secret", API_SECRET,
                    "opentok.api-url", emulatorUrl,
                    "opentok.callback-secret", Callbacks.SECRET));
            given.putAll(extraSettings());
            settings = Map.copyOf(given);
            return settings;
        } catch (Exception e) {
            throw new IllegalStateException("Could not prepare the packaged application's surroundings", e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
