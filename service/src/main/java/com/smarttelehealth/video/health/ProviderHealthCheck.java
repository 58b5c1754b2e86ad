package com.smarttelehealth.video.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.smarttelehealth.video.provider.VideoProvider;

/**
 * Readiness: the video provider's settings are usable. It makes no call to the provider (and never creates a
 * session), so a provider outage does not take every pod out of the Service. The contract names it "opentok".
 */
@Readiness
@ApplicationScoped
public class ProviderHealthCheck implements HealthCheck {

    static final String NAME = "opentok";

    private final VideoProvider provider;

    ProviderHealthCheck(VideoProvider provider) {
        this.provider = provider;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = provider.configurationProblem();
        if (problem == null) {
            return HealthCheckResponse.up(NAME);
        }
        return HealthCheckResponse.named(NAME).down().withData("reason", problem).build();
    }
}
