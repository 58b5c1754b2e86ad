package com.smarttelehealth.video.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The house's structure, read from the service's sources: no package depends on itself through others; the
 * clean-up queue depends on no feature (the features hand it their steps through the interface it owns); stores
 * answer in the domain's terms and leave HTTP statuses to the resources; and outside the two adapters (and their
 * settings) no class is named after one provider.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/com/smarttelehealth/video");
    /** What makes a store speak HTTP. */
    private static final Pattern HTTP_ANSWER = Pattern.compile("\\b(ApiException|ProblemType|RetryableException)\\b");
    private static final Pattern ONE_PROVIDER = Pattern.compile("OpenTok|Vonage");
    /** A type, or a method that reads or writes one provider's terms ("fromOpenTok"). */
    private static final Pattern DECLARATION = Pattern.compile(
            "\\b(?:class|record|interface|enum)\\s+(\\w+)|\\s((?:from|to)\\w+)\\s*\\(");
    private static final Pattern COMMENTS_AND_TEXT = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*+|\"(?:[^\"\\\\]++|\\\\.)*+\"", Pattern.DOTALL);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?com\\.smarttelehealth\\.video\\.([a-z.]+)\\.[A-Z]",
            Pattern.MULTILINE);

    /** Package (relative, dotted) to the packages its classes import. */
    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> deps = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher imported = IMPORT.matcher(Files.readString(file));
                while (imported.find()) {
                    if (!imported.group(1).equals(pkg)) {
                        deps.add(imported.group(1));
                    }
                }
            }
        }
        return graph;
    }

    @Test
    void noPackageLoop() throws IOException {
        assertEquals(List.of(), loops(graph()), "packages that depend on themselves through others");
    }

    @Test
    void theCleanupQueueDependsOnNoFeature() throws IOException {
        Set<String> features = new TreeSet<>(graph().get("cleanup"));
        // the shared plumbing, the settings, and the provider port are not features
        features.removeIf(p -> p.startsWith("common") || p.equals("config") || p.equals("provider"));
        assertEquals(Set.of(), features, "cleanup/ imports these features");
    }

    @Test
    void storesAnswerInTheDomainsTerms() throws IOException {
        List<String> speakingHttp = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Store.java")).toList()) {
                if (HTTP_ANSWER.matcher(Files.readString(file)).find()) {
                    speakingHttp.add(SOURCES.relativize(file).toString());
                }
            }
        }
        assertEquals(List.of(), speakingHttp, "stores that decide an HTTP answer");
    }

    /**
     * SQL is the stores' own: only a {@code *Store} runs statements ({@link com.smarttelehealth.video.common.persistence.Jdbc}
     * or the reactive pool), and nothing but {@code Jdbc} takes a connection from the JDBC pool. {@code Jdbc} gives each
     * statement's connection back as it ends (in a transaction, as the transaction ends), so that no read holds one
     * for the rest of a request: enough such requests together once took the whole pool and waited on each other
     * ({@code InviteApiTest.manyGuestsRedeemingAtOnceAllGetIn}).
     */
    @Test
    void onlyStoresRunStatementsAndOnlyJdbcTakesConnections() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = SOURCES.relativize(file).toString();
                if (name.startsWith("common/persistence/")) {
                    continue;
                }
                String code = COMMENTS_AND_TEXT.matcher(Files.readString(file)).replaceAll(" ");
                boolean runsStatements = code.contains("Jdbc ") || code.contains("ReactiveStatements ");
                if (runsStatements && !name.endsWith("Store.java") && !name.equals("health/DatabaseHealthCheck.java")) {
                    found.add(name + ": runs statements");
                }
                if (code.contains("getConnection(") || code.contains("jakarta.persistence")) {
                    found.add(name + ": takes a connection or a JPA session of its own");
                }
            }
        }
        assertEquals(List.of(), found, "SQL outside the stores");
    }

    @Test
    void noDomainClassIsNamedAfterOneProvider() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString();
                if (pkg.equals("opentok") || pkg.equals("vonage") || pkg.equals("config") || pkg.equals("wiring")) {
                    continue; // the adapters, their settings, and the choice between them
                }
                // comments and string literals stripped first
                Matcher declared = DECLARATION.matcher(COMMENTS_AND_TEXT.matcher(Files.readString(file)).replaceAll(" "));
                while (declared.find()) {
                    String name = declared.group(1) != null ? declared.group(1) : declared.group(2);
                    if (ONE_PROVIDER.matcher(name).find()) {
                        found.add(SOURCES.relativize(file) + ": " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), found, "domain names that name one provider");
    }

    /** Strongly connected components of more than one package (Tarjan). */
    static List<List<String>> loops(Map<String, Set<String>> graph) {
        List<List<String>> loops = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        int[] next = { 0 };
        for (String start : graph.keySet()) {
            if (!index.containsKey(start)) {
                visit(start, graph, index, low, stack, onStack, next, loops);
            }
        }
        return loops;
    }

    private static void visit(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, int[] next, List<List<String>> loops) {
        index.put(v, next[0]);
        low.put(v, next[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                visit(w, graph, index, low, stack, onStack, next, loops);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                component.sort(null);
                loops.add(component);
            }
        }
    }
}
