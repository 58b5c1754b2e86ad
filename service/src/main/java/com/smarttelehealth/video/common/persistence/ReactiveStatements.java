package com.smarttelehealth.video.common.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * One prepared statement on the platform's reactive PostgreSQL pool ({@code quarkus-reactive-pg-client}), for
 * the stores' hot paths that run on the I/O thread with no transaction: token issuance, connection and stream
 * callbacks, the events page and analytics. A failure arrives as a {@link StoreException} naming the store, with
 * the client's cause kept, so that the error mapper can tell an outage (503) from a fault.
 */
@ApplicationScoped
public class ReactiveStatements {

    private final Pool pool;

    ReactiveStatements(Pool pool) {
        this.pool = pool;
    }

    public Uni<RowSet<Row>> run(String store, String sql, Tuple arguments) {
        return Uni.createFrom().completionStage(() -> pool.preparedQuery(sql).execute(arguments).toCompletionStage())
                .onFailure().transform(failure -> new StoreException(store, failure));
    }

    /** A trivial statement, for readiness. */
    public Uni<Void> ping() {
        return run("Readiness", "select 1", Tuple.tuple()).replaceWithVoid();
    }
}
