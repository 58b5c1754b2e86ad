package com.smarttelehealth.video.common;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.smarttelehealth.video.config.VideoCallConfig;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * PostgreSQL on the I/O thread, for the paths asked for most (token issuance, connection and stream callbacks,
 * the events page, analytics), each a statement or two with no transaction: such a request then never waits for a worker thread, and that hand-off
 * was the tail of their latency under load. Everything transactional stays on JDBC and its pool.
 * <p>
 * A few connections, pipelined ({@link PgBuilder#client()}: several statements in flight on one connection),
 * rather than one connection per request in flight: PostgreSQL runs one statement at a time per connection, and
 * more statements running than there are cores made a saturated replica's p99 worse, not better. On 2 cores
 * shared with PostgreSQL, an exclusive pool of 4 gave a p99 of 100 to 900 ms at 4 requests in flight; pipelined
 * over 4 connections, 5 to 8 ms (README, Performance).
 * <p>
 * It connects to the one configured database: {@code quarkus.datasource.jdbc.url} read by {@link PostgresUrl},
 * with {@code quarkus.datasource.username} and {@code .password}. The pool connects when first used.
 */
@Startup
@ApplicationScoped
public class ReactivePool {

    private static final Logger LOG = Logger.getLogger(ReactivePool.class);
    /** As long as JDBC waits for a free connection, so that a saturated pool answers 503 as soon. */
    private static final int ACQUISITION_TIMEOUT_SECONDS = 3;
    /** Requests that may wait for a connection; beyond that, 503 at once rather than a growing queue. */
    private static final int MAX_WAITING = 1024;

    private final SqlClient pool;

    ReactivePool(Vertx vertx, VideoCallConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        PostgresUrl url = PostgresUrl.parse(jdbcUrl, applicationName);
        if (!url.ignored().isEmpty()) {
            LOG.infof("The reactive pool has no use for these settings of the JDBC URL: %s", url.ignored());
        }
        PgConnectOptions options = url.options(username, password).setCachePreparedStatements(true);
        // Every statement here is written for its generic plan (the events page has one text per filter for that).
        // Left to choose, PostgreSQL re-plans a statement over arrays (TokenGrants) on every execution, since it
        // sees their length only then: that planning cost more than the batching saved.
        options.addProperty("plan_cache_mode", "force_generic_plan");
        PoolOptions pooling = new PoolOptions().setName("video-service-reactive")
                .setMaxSize(config.reactivePool().size()).setMaxWaitQueueSize(MAX_WAITING)
                .setConnectionTimeout(ACQUISITION_TIMEOUT_SECONDS).setConnectionTimeoutUnit(TimeUnit.SECONDS)
                .setIdleTimeout(5).setIdleTimeoutUnit(TimeUnit.MINUTES);
        this.pool = PgBuilder.client().with(pooling).connectingTo(options).using(vertx).build();
    }

    /**
     * One prepared statement's rows. A failure arrives as a {@link StoreException} naming {@code what}, with
     * the client's cause kept, so that the error mapper can tell an outage (503) from a fault.
     */
    public Uni<RowSet<Row>> query(String what, String sql, Tuple arguments) {
        return Uni.createFrom().completionStage(() -> pool.preparedQuery(sql).execute(arguments).toCompletionStage())
                .onFailure().transform(failure -> new StoreException(what, failure));
    }

    /** A trivial statement, for readiness: this pool reaches the database too. */
    public Uni<Void> ping() {
        return query("Reactive pool", "select 1", Tuple.tuple()).replaceWithVoid();
    }

    @PreDestroy
    void close() {
        pool.close();
    }
}
