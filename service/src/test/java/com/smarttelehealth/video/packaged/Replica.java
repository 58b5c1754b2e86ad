package com.smarttelehealth.video.packaged;

import static io.restassured.RestAssured.given;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

/**
 * Another replica of the packaged application: the same jar, with the running packaged test's settings
 * ({@link PackagedAppResources}) and its own, on a port of its own, logging to {@code target/<name>.log}.
 */
final class Replica {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final String name;
    private final Map<String, String> settings;
    private final int port;
    private Process process;

    private Replica(String name, Map<String, String> settings, int port) {
        this.name = name;
        this.settings = settings;
        this.port = port;
    }

    /** Starts a replica and waits until it is ready. */
    static Replica start(String name, Map<String, String> extraSettings) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Replica replica = new Replica(name, extraSettings, port);
        replica.start();
        return replica;
    }

    /** Starts it again, on the same port, after {@link #kill()}. */
    void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dquarkus.http.port=" + port));
        PackagedAppResources.settings().forEach((key, value) -> command.add("-D" + key + "=" + value));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped: " + Files.readString(log()));
            }
            try {
                return given().baseUri(base()).get("/q/health/ready").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /**
     * Starts the jar with the running packaged test's settings less the video provider's, plus {@code settings},
     * expecting it to refuse to start: answers what it wrote before it stopped.
     */
    static String refusedStart(String name, Map<String, String> settings) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-Dquarkus.http.port=0"));
        PackagedAppResources.settings().forEach((key, value) -> {
            if (!key.startsWith("opentok.") && !key.startsWith("vonage.") && !key.startsWith("video.")) {
                command.add("-D" + key + "=" + value);
            }
        });
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        Path log = Path.of("target", name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " started, or hung, where it should have refused: " + Files.readString(log));
        }
        if (process.exitValue() == 0) {
            throw new AssertionError(name + " exited 0 where it should have refused to start: " + Files.readString(log));
        }
        return Files.readString(log);
    }

    String base() {
        return "http://localhost:" + port;
    }

    Path log() {
        return new File("target/" + name + ".log").toPath();
    }

    /** Gone at once, as a node that dies: no shutdown hook, nothing finished. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }
}
