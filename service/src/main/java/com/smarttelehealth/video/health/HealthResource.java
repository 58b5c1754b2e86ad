package com.smarttelehealth.video.health;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.smarttelehealth.video.provider.VideoProvider;

/**
 * {@code GET /api/videocall/health}: the database and OpenTok checks in the contract's shape, 200
 * when both are UP, else 503. OpenTok is DOWN when its settings are unusable or its circuit is open
 * (readiness ignores the circuit, so an OpenTok outage does not take every pod out of the Service).
 * No authentication; it shows no secret and calls no OpenTok API.
 */
@Path("/api/videocall/health")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Health")
public class HealthResource {

    private final DatabaseHealthCheck database;
    private final ProviderHealthCheck openTok;
    private final VideoProvider provider;

    HealthResource(@Readiness DatabaseHealthCheck database, @Readiness ProviderHealthCheck openTok,
            VideoProvider provider) {
        this.database = database;
        this.openTok = openTok;
        this.provider = provider;
    }

    public record Check(String name, String status) {
    }

    public record Health(String status, List<Check> checks) {
    }

    @GET
    @Operation(summary = "Service health: database and OpenTok (no authentication)")
    public Response health() {
        Check openTokCheck = check(openTok.call());
        if (provider.isFailing()) {
            openTokCheck = new Check(openTokCheck.name(), "DOWN"); // failing now; readiness stays UP on purpose
        }
        List<Check> checks = List.of(check(database.call()), openTokCheck);
        boolean up = checks.stream().allMatch(c -> c.status().equals("UP"));
        return Response.status(up ? 200 : 503).entity(new Health(up ? "UP" : "DOWN", checks)).build();
    }

    private static Check check(HealthCheckResponse response) {
        return new Check(response.getName(), response.getStatus().name());
    }
}
