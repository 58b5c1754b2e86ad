package com.smarttelehealth.video.common.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Which failures are an outage of the database (503 with Retry-After), as a failover produces them. */
class DatabaseTest {

    @Test
    void theReactivePoolsOutagesAreOutages() {
        // what a fast stop does to statements in flight on the reactive pool: measured as a 500 before
        assertTrue(Database.isUnavailable(new StoreException("Token store", new SocketException("Connection reset"))));
        assertTrue(Database.isUnavailable(new StoreException("Token store", new ConnectException("Connection refused"))));
        assertTrue(Database.isUnavailable(new StoreException("Event store",
                io.vertx.sqlclient.ClosedConnectionException.INSTANCE)));
        assertTrue(Database.isUnavailable(new StoreException("Event store",
                new io.vertx.core.VertxException("Timeout waiting for connection", true))));
        // a statement given a pooled connection as the stop closes it (DatabaseFailoverOverTlsTest saw it as a 500)
        assertTrue(Database.isUnavailable(new StoreException("Token store",
                new io.vertx.core.VertxException("Connection is not active now, current status: CLOSED", true))));
    }

    @Test
    void jdbcOutagesAreOutages() {
        assertTrue(Database.isUnavailable(new RuntimeException(
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"))));
        assertTrue(Database.isUnavailable(new RuntimeException(new SQLException("This connection has been closed.", "08003"))));
        assertTrue(Database.isUnavailable(new java.sql.SQLTransientConnectionException("acquisition timeout")));
    }

    @Test
    void anIoFailureOutsideTheDatabaseIsNotOne() {
        // OpenTok unreachable is the provider's outage, never the database's
        assertFalse(Database.isUnavailable(new RuntimeException(new SocketException("Connection reset"))));
        assertFalse(Database.isUnavailable(new StoreException("Token store", new SQLException("syntax error", "42601"))));
    }
}
