package com.smarttelehealth.video.health;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/** Readiness: PostgreSQL answers a query within two seconds. */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseHealthCheck.class);
    static final String NAME = "database";

    private final DataSource dataSource;

    DatabaseHealthCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("select 1");
            return HealthCheckResponse.up(NAME);
        } catch (Exception e) {
            LOG.debugf("Database check failed: %s", e.getMessage());
            return HealthCheckResponse.down(NAME);
        }
    }
}
