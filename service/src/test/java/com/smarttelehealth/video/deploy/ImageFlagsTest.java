package com.smarttelehealth.video.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The JVM image's flags start a JVM, as its base image starts it. No container engine runs here, so the command
 * line is put together as the base image's {@code run-java.sh} does ({@code java-default-options} of
 * jboss-container-images/openjdk): its own options first, among them the collector from {@code GC_CONTAINER_OPTIONS}
 * ({@code -XX:+UseParallelGC} when unset), then {@code JAVA_OPTS_APPEND}. A collector named in
 * {@code JAVA_OPTS_APPEND} as well makes two, and that JVM does not start ("Multiple garbage collectors selected").
 * The test's own JVM runs it: the image's Java is 17, as the build's.
 */
class ImageFlagsTest {

    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    private static final Pattern ENV = Pattern.compile("^ENV (\\w+)=\"?(.*?)\"?$", Pattern.MULTILINE);
    private static final Pattern COLLECTOR = Pattern.compile("-XX:\\+Use\\w*GC\\b");

    @Test
    void theCollectorIsChosenWhereTheBaseImageExpectsIt() throws IOException {
        Map<String, String> env = env();
        assertFalse(COLLECTOR.matcher(env.get("JAVA_OPTS_APPEND")).find(),
                "JAVA_OPTS_APPEND names a collector: run-java.sh puts GC_CONTAINER_OPTIONS' own before it");
        assertEquals("-XX:+UseSerialGC", env.get("GC_CONTAINER_OPTIONS"));
    }

    @Test
    void aJvmStartsWithTheImagesFlagsAndUsesThem() throws Exception {
        Map<String, String> env = env();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(runJavaDefaults(env));
        command.addAll(Arrays.asList(env.get("JAVA_OPTS_APPEND").trim().split("\\s+")));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, java.exitValue(), "the image's JVM did not start: " + tail(output));
        assertEquals("true", flag(output, "UseSerialGC"));
        assertEquals("false", flag(output, "UseParallelGC"));
        assertEquals("false", flag(output, "UseG1GC"));
        assertEquals("5000", flag(output, "TrimNativeHeapInterval"));
        assertEquals("10", flag(output, "MinHeapFreeRatio"));
        assertEquals("20", flag(output, "MaxHeapFreeRatio"));
        assertEquals("75.000000", flag(output, "MaxRAMPercentage"), "JAVA_OPTS_APPEND comes last and wins");
    }

    /** What run-java.sh puts before JAVA_OPTS_APPEND, with the image's environment (java-default-options). */
    private static List<String> runJavaDefaults(Map<String, String> env) {
        List<String> options = new ArrayList<>();
        options.add("-XX:MaxRAMPercentage=" + env.getOrDefault("JAVA_MAX_MEM_RATIO", "80.0"));
        options.addAll(Arrays.asList(env.getOrDefault("GC_CONTAINER_OPTIONS", "-XX:+UseParallelGC").split("\\s+")));
        options.add("-XX:MinHeapFreeRatio=" + env.getOrDefault("GC_MIN_HEAP_FREE_RATIO", "10"));
        options.add("-XX:MaxHeapFreeRatio=" + env.getOrDefault("GC_MAX_HEAP_FREE_RATIO", "20"));
        options.add("-XX:GCTimeRatio=" + env.getOrDefault("GC_TIME_RATIO", "4"));
        options.add("-XX:AdaptiveSizePolicyWeight=" + env.getOrDefault("GC_ADAPTIVE_SIZE_POLICY_WEIGHT", "90"));
        options.add("-XX:+ExitOnOutOfMemoryError");
        return options;
    }

    private static Map<String, String> env() throws IOException {
        Map<String, String> env = new HashMap<>();
        Matcher line = ENV.matcher(Files.readString(DOCKERFILE));
        while (line.find()) {
            env.put(line.group(1), line.group(2));
        }
        assertTrue(env.containsKey("JAVA_OPTS_APPEND"), "no JAVA_OPTS_APPEND in " + DOCKERFILE);
        return env;
    }

    /** A flag's final value in -XX:+PrintFlagsFinal's table. */
    private static String flag(String output, String name) {
        Matcher row = Pattern.compile("^\\s*\\S+\\s+" + name + "\\s+=\\s+(\\S+)", Pattern.MULTILINE).matcher(output);
        assertTrue(row.find(), name + " is not among the JVM's flags");
        return row.group(1);
    }

    private static String tail(String output) {
        return output.length() > 2000 ? output.substring(output.length() - 2000) : output;
    }
}
