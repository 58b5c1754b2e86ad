package com.smarttelehealth.video.health;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import com.smarttelehealth.video.common.ReactivePool;

/** Readiness: PostgreSQL answers a query within two seconds, through JDBC and through the reactive pool. */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseHealthCheck.class);
    static final String NAME = "database";

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final ReactivePool reactive;

    DatabaseHealthCheck(DataSource dataSource, ReactivePool reactive) {
        this.dataSource = dataSource;
        this.reactive = reactive;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) TIMEOUT.toSeconds());
            statement.execute("select 1");
            reactive.ping().await().atMost(TIMEOUT);
            return HealthCheckResponse.up(NAME);
        } catch (Exception e) {
            LOG.debugf("Database check failed: %s", e.getMessage());
            return HealthCheckResponse.down(NAME);
        }
    }
}
