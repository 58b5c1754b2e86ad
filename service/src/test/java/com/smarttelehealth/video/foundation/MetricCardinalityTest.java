package com.smarttelehealth.video.foundation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.common.observability.MeterFilters;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.OpenApi;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * A scanner cannot blind the metrics: random paths, with methods the routes do not take, add no
 * {@code http_server_requests} series of their own, and the real endpoints are still counted after them.
 */
@QuarkusTest
class MetricCardinalityTest {

    private static final Pattern SERIES = Pattern.compile(
            "^http_server_requests_seconds_count\\{(.*)\\} ([0-9.E]+)$", Pattern.MULTILINE);
    private static final Pattern URI = Pattern.compile("uri=\"([^\"]*)\"");

    @Test
    void theParameterlessRoutesAreExactlyTheApisOperationsWithoutAPathParameter() {
        Set<String> parameterless = OpenApi.operations().stream().map(op -> op.substring(op.indexOf(' ') + 1))
                .filter(path -> path.startsWith("/api/") && !path.contains("{")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(parameterless, new TreeSet<>(MeterFilters.PARAMETERLESS_ROUTES));
    }

    @Test
    void hundredsOfRandomPathsAddNoSeriesAndARealEndpointIsStillCounted() {
        String provider = TestJwt.token("dr-metrics", "provider");
        String sessionId = Api.consultation("dr-metrics", List.of(), List.of());
        String real = "/api/videocall/sessions/{sessionId}";
        Api.as(provider).get("/api/videocall/sessions/" + sessionId).then().statusCode(200);
        Map<String, Double> before = series();

        List<String> methods = List.of("GET", "PATCH", "OPTIONS", "DELETE", "PUT", "POST", "HEAD");
        for (int i = 0; i < 300; i++) {
            String random = "scan" + Integer.toString(i * 7919 + 104729, 36);
            String path = switch (i % 6) {
                case 0 -> "/api/videocall/sessions/" + random;
                case 1 -> "/api/videocall/sessions/" + random + "/token";
                case 2 -> "/api/videocall/" + random;
                case 3 -> "/" + random;
                case 4 -> "/q/" + random;
                default -> "/api/videocall/recordings/" + random + "/" + random;
            };
            RequestSpecification request = given().redirects().follow(false);
            if (i % 2 == 0) {
                request.header("Authorization", "Bearer " + provider);
            }
            request.request(methods.get(i % methods.size()), path);
        }
        Api.as(provider).get("/api/videocall/sessions/" + sessionId).then().statusCode(200);
        Map<String, Double> after = series();

        Set<String> uris = after.keySet().stream().map(MetricCardinalityTest::uri).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(uris.stream().noneMatch(u -> u.contains("scan")), "a random path became a uri tag: " + uris);
        Set<String> added = new TreeSet<>(uris);
        added.removeAll(after.keySet().stream().filter(before::containsKey).map(MetricCardinalityTest::uri).toList());
        // a request that reached a real route (a token request for an unknown session) counts under its template
        added.removeIf(uri -> uri.contains("{"));
        assertTrue(Set.of("UNKNOWN", "NOT_FOUND", "REDIRECTION", "root").containsAll(added),
                "the flood added only route templates and fixed values: " + added);
        assertTrue(uris.size() <= before.keySet().stream().map(MetricCardinalityTest::uri).distinct().count() + 8,
                "the number of uri values stays bounded: " + uris);
        double realBefore = before.entrySet().stream().filter(e -> uri(e.getKey()).equals(real)
                && e.getKey().contains("method=\"GET\"") && e.getKey().contains("status=\"200\"")).mapToDouble(Map.Entry::getValue).sum();
        double realAfter = after.entrySet().stream().filter(e -> uri(e.getKey()).equals(real)
                && e.getKey().contains("method=\"GET\"") && e.getKey().contains("status=\"200\"")).mapToDouble(Map.Entry::getValue).sum();
        assertEquals(realBefore + 1, realAfter, "the real endpoint is still counted after the flood: " + uris);
    }

    private static Map<String, Double> series() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> series = new TreeMap<>();
        Matcher line = SERIES.matcher(metrics);
        while (line.find()) {
            series.put(line.group(1), Double.parseDouble(line.group(2)));
        }
        return series;
    }

    private static String uri(String labels) {
        Matcher uri = URI.matcher(labels);
        return uri.find() ? uri.group(1) : "";
    }
}
