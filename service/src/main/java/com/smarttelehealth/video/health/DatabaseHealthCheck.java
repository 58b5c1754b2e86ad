package com.smarttelehealth.video.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import com.smarttelehealth.video.common.persistence.ReactiveStatements;

import io.agroal.api.AgroalDataSource;

/**
 * Readiness: PostgreSQL answers within two seconds through both of the service's pools, the JDBC pool (Agroal's
 * own validation) and the reactive pool (a trivial statement).
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseHealthCheck.class);
    static final String NAME = "database";

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final AgroalDataSource jdbc;
    private final ReactiveStatements reactive;

    DatabaseHealthCheck(AgroalDataSource jdbc, ReactiveStatements reactive) {
        this.jdbc = jdbc;
        this.reactive = reactive;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            if (!jdbc.isHealthy(false)) {
                return HealthCheckResponse.down(NAME);
            }
            reactive.ping().await().atMost(TIMEOUT);
            return HealthCheckResponse.up(NAME);
        } catch (Exception e) {
            LOG.debugf("Database check failed: %s", e.getMessage());
            return HealthCheckResponse.down(NAME);
        }
    }
}
