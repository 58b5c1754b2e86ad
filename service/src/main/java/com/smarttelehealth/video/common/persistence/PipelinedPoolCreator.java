package com.smarttelehealth.video.common.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
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
 * 4.2 to 7.6 ms (bench/HISTORY.md);</li>
 * <li>as encrypted as PgJDBC with the same URL: an unnamed or {@code prefer} sslmode becomes {@code require} or
 * {@code disable} after asking the server once ({@link #withTls});</li>
 * <li>a connection attempt gives up after {@link #CONNECT_TIMEOUT_MILLIS} (the client's default is a minute), so
 * that while the database is unreachable a request waits that long at most and then answers 503; and at most
 * {@link #MAX_WAITING} requests wait for a connection: beyond that, 503 at once rather than a growing queue.
 * The pool's own acquisition timeout stays off: its timer fails a waiter a second time when the connection
 * attempt has already failed it, which Vert.x reports as "Result is already complete" (seen in a failover).</li>
 * </ul>
 * The extension calls this bean when one exists (its documented way to customise pool creation).
 */
@ApplicationScoped
public class PipelinedPoolCreator implements PgPoolCreator {

    private static final Logger LOG = Logger.getLogger(PipelinedPoolCreator.class);

    static final int CONNECT_TIMEOUT_MILLIS = 3000;
    static final int MAX_WAITING = 1024;

    /**
     * {@code sslmode=prefer} (what {@link ReactiveUrlFromJdbc} derives from PgJDBC's default, {@code prefer} and
     * {@code allow}) is decided here, once, by asking the server whether it offers TLS ({@link PostgresTls}): the
     * pool then requires TLS when it does, as PgJDBC would use it, and asks for none when it does not. Never the
     * client's own {@code prefer}, which leaves a socket open whenever the server declines, and so held every fast
     * stop of PostgreSQL for 60 s (README, "Database failover"). As with PgJDBC's {@code prefer} and {@code require},
     * the certificate is not verified unless trust options are given; name {@code verify-ca} or {@code verify-full}
     * for that. Only a server that cannot be asked at start keeps the client's {@code prefer}: TLS whenever it is
     * offered, at the price of that wait if it is not.
     */
    public static PgConnectOptions withTls(PgConnectOptions database) {
        if (database.getSslMode() != SslMode.PREFER) {
            return database;
        }
        PostgresTls.Offer offer = PostgresTls.probe(database.getHost(), database.getPort(), CONNECT_TIMEOUT_MILLIS);
        switch (offer) {
            case OFFERED -> {
                database.setSslMode(SslMode.REQUIRE);
                if (database.getTrustOptions() == null) {
                    database.setTrustAll(true);
                }
                LOG.infof("PostgreSQL at %s:%d offers TLS: the reactive pool requires it", database.getHost(),
                        database.getPort());
            }
            case DECLINED -> {
                database.setSslMode(SslMode.DISABLE);
                LOG.infof("PostgreSQL at %s:%d offers no TLS: the reactive pool connects without, as PgJDBC's prefer"
                        + " does", database.getHost(), database.getPort());
            }
            case UNKNOWN -> LOG.warnf("PostgreSQL at %s:%d could not be asked whether it offers TLS: the reactive pool"
                    + " uses TLS whenever it is offered", database.getHost(), database.getPort());
        }
        return database;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions options = new PoolOptions(input.poolOptions()).setMaxWaitQueueSize(MAX_WAITING);
        List<SqlConnectOptions> databases = input.pgConnectOptionsList().stream()
                .map(database -> (SqlConnectOptions) withTls(database).setConnectTimeout(CONNECT_TIMEOUT_MILLIS))
                .toList();
        SqlClient client = PgBuilder.client().with(options).connectingTo(databases)
                .using(input.vertx()).build();
        if (client instanceof Pool pool) {
            return pool;
        }
        client.close();
        throw new IllegalStateException("The Vert.x PostgreSQL client no longer builds its pipelined client as a Pool"
                + " (" + client.getClass().getName() + "): drop PipelinedPoolCreator to use the extension's own pool");
    }
}
