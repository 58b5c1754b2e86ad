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
    private static final Path DEPLOYMENT = Path.of("..", "k8s", "base", "deployment.yaml");
    /**
     * What is not heap needs this much under the Deployment's limit: classes, code, symbols, threads and malloc took
     * about 205 MiB after 10,000+ token requests (bench/HISTORY.md, 2026-12-03 late evening), and some more while
     * the JIT compiles.
     */
    private static final long ROOM_BESIDE_THE_HEAP_MIB = 256;
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
        String output = imageJvm();
        assertEquals("true", flag(output, "UseSerialGC"));
        assertEquals("false", flag(output, "UseParallelGC"));
        assertEquals("false", flag(output, "UseG1GC"));
        assertEquals("5000", flag(output, "TrimNativeHeapInterval"));
        assertEquals("10", flag(output, "MinHeapFreeRatio"));
        assertEquals("20", flag(output, "MaxHeapFreeRatio"));
        assertEquals("65.000000", flag(output, "MaxRAMPercentage"), "JAVA_OPTS_APPEND comes last and wins");
    }

    /** At its ceiling the heap still leaves room for the rest, or the kernel kills the pod before Java can say why. */
    @Test
    void theHeapAtItsCeilingFitsTheDeploymentsMemoryLimit() throws Exception {
        Matcher limit = Pattern.compile("limits:\\s+memory: (\\d+)Mi").matcher(Files.readString(DEPLOYMENT));
        assertTrue(limit.find(), "no memory limit in " + DEPLOYMENT);
        long limitMib = Long.parseLong(limit.group(1));
        long heapMib = Long.parseLong(flag(imageJvm("-XX:MaxRAM=" + limitMib + "m"), "MaxHeapSize")) / (1024 * 1024);
        assertTrue(limitMib - heapMib >= ROOM_BESIDE_THE_HEAP_MIB, "a heap of up to " + heapMib + " MiB leaves "
                + (limitMib - heapMib) + " MiB of the " + limitMib + " MiB limit for the rest");
    }

    /** Runs the image's JVM as run-java.sh would, with {@code extra} flags after, and answers its flags' table. */
    private static String imageJvm(String... extra) throws Exception {
        Map<String, String> env = env();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(runJavaDefaults(env));
        command.addAll(Arrays.asList(env.get("JAVA_OPTS_APPEND").trim().split("\\s+")));
        command.addAll(Arrays.asList(extra));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, java.exitValue(), "the image's JVM did not start: " + tail(output));
        return output;
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
