package com.smarttelehealth.video.common.persistence;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The reactive pool as {@code quarkus-reactive-pg-client} configures it ({@code quarkus.datasource.reactive.*}:
 * the URL, the size, prepared-statement caching, {@code plan_cache_mode}), with what those settings cannot say:
 * <ul>
 * <li><b>pipelined</b>: concurrent statements share the few connections, several in flight on one, rather than
 * each holding a connection of its own. PostgreSQL runs one statement at a time per connection, and more
 * statements running than there are cores made a saturated replica's tail worse: on 2 cores shared with
 * PostgreSQL an exclusive pool of 4 gave the events page a p99 of 202 ms at 4 requests in flight, pipelined
 * 4.2 to 7.6 ms (README, Performance);</li>
 * <li>a request waits at most {@link #ACQUISITION_TIMEOUT_SECONDS} for a connection, as JDBC does, and at most
 * {@link #MAX_WAITING} wait: beyond that, 503 at once rather than a growing queue.</li>
 * </ul>
 * The extension calls this bean when one exists (its documented way to customise pool creation).
 */
@ApplicationScoped
public class PipelinedPoolCreator implements PgPoolCreator {

    static final int ACQUISITION_TIMEOUT_SECONDS = 3;
    static final int MAX_WAITING = 1024;

    @Override
    public Pool create(Input input) {
        PoolOptions options = new PoolOptions(input.poolOptions())
                .setConnectionTimeout(ACQUISITION_TIMEOUT_SECONDS).setConnectionTimeoutUnit(TimeUnit.SECONDS)
                .setMaxWaitQueueSize(MAX_WAITING);
        SqlClient client = PgBuilder.client().with(options)
                .connectingTo(List.<SqlConnectOptions>copyOf(input.pgConnectOptionsList()))
                .using(input.vertx()).build();
        if (client instanceof Pool pool) {
            return pool;
        }
        client.close();
        throw new IllegalStateException("The Vert.x PostgreSQL client no longer builds its pipelined client as a Pool"
                + " (" + client.getClass().getName() + "): drop PipelinedPoolCreator to use the extension's own pool");
    }
}
