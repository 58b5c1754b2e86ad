package com.smarttelehealth.video.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.smarttelehealth.video.opentok.OpenTokTokens;

/**
 * Readiness: the OpenTok settings are usable. It makes no OpenTok call (and never creates a session),
 * so an OpenTok outage does not take every pod out of the Service.
 */
@Readiness
@ApplicationScoped
public class OpenTokHealthCheck implements HealthCheck {

    static final String NAME = "opentok";

    private final OpenTokTokens openTok;

    OpenTokHealthCheck(OpenTokTokens openTok) {
        this.openTok = openTok;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = openTok.configurationProblem();
        if (problem == null) {
            return HealthCheckResponse.up(NAME);
        }
        return HealthCheckResponse.named(NAME).down().withData("reason", problem).build();
    }
}
