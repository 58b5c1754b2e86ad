package com.smarttelehealth.video.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.support.OpenApi;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The repository's API reference ({@code docs/api.md}) describes what the service publishes: every operation of
 * {@code /q/openapi} has its heading there and every heading is an operation, and every problem type the
 * service can answer is in its errors table, and nothing else.
 */
@QuarkusTest
class ApiReferenceTest {

    private static final Path REFERENCE = Path.of("..", "docs", "api.md");
    private static final Pattern OPERATION = Pattern.compile("^### `(GET|POST|PUT|DELETE|PATCH) (/\\S+)`$", Pattern.MULTILINE);
    private static final Pattern PROBLEM_ROW = Pattern.compile("^\\| `([a-z-]+)` \\| (\\d{3}) \\|", Pattern.MULTILINE);

    @Test
    void everyPublishedOperationIsDescribedAndNothingElse() throws IOException {
        Set<String> published = OpenApi.operations();
        Set<String> described = new TreeSet<>();
        Matcher heading = OPERATION.matcher(Files.readString(REFERENCE));
        while (heading.find()) {
            described.add(heading.group(1) + " " + heading.group(2));
        }

        Set<String> missing = new TreeSet<>(published);
        missing.removeAll(described);
        assertEquals(Set.of(), missing, "operations /q/openapi publishes that docs/api.md does not describe");
        Set<String> stale = new TreeSet<>(described);
        stale.removeAll(published);
        assertEquals(Set.of(), stale, "operations docs/api.md describes that the service does not publish");
    }

    @Test
    void everyProblemTypeIsInTheErrorsTableWithItsStatus() throws IOException {
        Map<String, Integer> answered = Arrays.stream(ProblemType.values())
                .collect(Collectors.toMap(ProblemType::slug, ProblemType::status));
        Map<String, Integer> documented = new java.util.TreeMap<>();
        Matcher row = PROBLEM_ROW.matcher(Files.readString(REFERENCE));
        while (row.find()) {
            documented.put(row.group(1), Integer.parseInt(row.group(2)));
        }
        assertEquals(new java.util.TreeMap<>(answered), documented, "docs/api.md's errors table against ProblemType");
    }

    @Test
    void theReadmeSendsReadersToTheReferenceInTheRepository() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertFalse(readme.contains("../shared"), "the README points outside the repository");
        assertFalse(!readme.contains("docs/api.md"), "the README links the API reference");
    }
}
