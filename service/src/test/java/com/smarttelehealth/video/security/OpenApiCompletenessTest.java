package com.smarttelehealth.video.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.OpenApi;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation the API publishes in {@code /q/openapi} has its rows in the authorization
 * matrix, or is one of the few public endpoints named here. A new endpoint cannot ship without them.
 */
@QuarkusTest
class OpenApiCompletenessTest {

    /** Endpoints without a JWT: the health check and the provider's signed callbacks (tested on their own). */
    private static final Set<String> PUBLIC = Set.of("GET /api/videocall/health", "POST /api/videocall/webhooks/opentok",
            "POST /api/videocall/webhooks/vonage");

    @Test
    void everyOperationIsInTheMatrix() {
        Set<String> published = OpenApi.operations();
        Set<String> covered = new TreeSet<>(PUBLIC);
        AuthorizationMatrixTest.ENDPOINTS.forEach(endpoint -> covered.add(endpoint.template()));

        Set<String> missing = new TreeSet<>(published);
        missing.removeAll(covered);
        assertEquals(Set.of(), missing, "operations without authorization rows");
        Set<String> stale = new TreeSet<>(covered);
        stale.removeAll(published);
        assertEquals(Set.of(), stale, "matrix rows for operations the API does not publish");
    }
}
