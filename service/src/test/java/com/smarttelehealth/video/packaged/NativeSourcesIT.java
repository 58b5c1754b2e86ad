package com.smarttelehealth.video.packaged;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The native build's inputs hold what both providers' SDKs need (neither ships native metadata): their
 * Jackson models registered for reflection; OpenTok's HTTP client initialized at run time, with its default
 * settings as resources; the public suffix list of Vonage's HTTP client. Runs after {@code ./mvnw verify -Dnative
 * -Dquarkus.native.sources-only=true} (as .ci/run does); skipped when no native sources were made.
 */
class NativeSourcesIT {

    private static final Path SOURCES = Path.of("target/native-sources");

    @Test
    void theSdkRegistrationsReachTheNativeBuild() throws IOException {
        Assumptions.assumeTrue(Files.exists(SOURCES.resolve("native-image.args")), "no native sources built");
        String args = Files.readString(SOURCES.resolve("native-image.args"));
        assertTrue(args.contains("--initialize-at-run-time=org.asynchttpclient"), args);
        assertTrue(args.contains("com.opentok.util.HttpClient"), args);
        assertFalse(args.contains("io.vertx.pgclient"), "the reactive PostgreSQL client's registrations are its extension's");

        Path runner;
        try (Stream<Path> files = Files.list(SOURCES)) {
            runner = files.filter(p -> p.toString().endsWith("-runner.jar")).findFirst().orElseThrow();
        }
        try (JarFile jar = new JarFile(runner.toFile())) {
            String reflection = new String(jar.getInputStream(jar.getEntry("META-INF/native-image/reflect-config.json"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            for (String type : List.of("com.opentok.Archive", "com.opentok.Archive$Status", "com.opentok.ArchiveList",
                    "com.opentok.Broadcast", "com.opentok.CreatedSession", "[Lcom.opentok.CreatedSession;", "com.opentok.Rtmp",
                    // the Vonage SDK's models (package-private ones too), its error answer, and its JWT claim holders
                    "com.vonage.client.JsonableBaseObject", "com.vonage.client.video.CreateSessionResponse",
                    "[Lcom.vonage.client.video.CreateSessionResponse;",
                    "com.vonage.client.video.Archive", "com.vonage.client.video.ListArchivesResponse",
                    "com.vonage.client.video.Broadcast", "com.vonage.client.video.Broadcast$Outputs",
                    "com.vonage.client.video.BroadcastUrls", "com.vonage.client.video.Rtmp",
                    "com.vonage.client.video.MuteSessionRequest", "com.vonage.client.video.ArchiveStatus",
                    "com.vonage.client.video.VideoResponseException", "com.auth0.jwt.impl.PayloadClaimsHolder",
                    // our own JSON column, read back by Jackson (BroadcastStore)
                    "com.smarttelehealth.video.broadcast.Broadcast$RtmpTarget")) {
                assertTrue(reflection.contains("\"" + type + "\""), type + " is registered for reflection");
            }
            // quarkus-reactive-pg-client initialises the client's StartupMessage (static Netty buffers) at run time
            String feature = new String(jar.getInputStream(jar.getEntry("io/quarkus/runner/Feature.class")).readAllBytes(),
                    StandardCharsets.ISO_8859_1);
            assertTrue(feature.contains("io.vertx.pgclient.impl.codec.StartupMessage"),
                    "the extension registers the client's StartupMessage for run-time initialisation");
            String resources = new String(jar.getInputStream(jar.getEntry("META-INF/native-image/resource-config.json"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(resources.contains("ahc-default"), "async-http-client's defaults are included");
            assertTrue(resources.contains("public-suffix-list"), "Apache HttpClient's public suffix list is included");
        }
    }
}
