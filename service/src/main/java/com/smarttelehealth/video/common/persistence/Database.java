package com.smarttelehealth.video.common.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reading PostgreSQL's answers. */
public final class Database {

    private static final String UNIQUE_VIOLATION = "23505";

    private Database() {
    }

    /** An instant as a {@code timestamptz} parameter. */
    public static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** An instant from a {@code timestamptz} value of the Vert.x client; null stays null. */
    public static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    /**
     * Whether a failure means the database cannot be reached now (down, restarting, or no free connection),
     * from the JDBC pool ({@link Jdbc}), or from the reactive pool ({@link ReactiveStatements}).
     */
    public static boolean isUnavailable(Throwable failure) {
        boolean store = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            store |= t instanceof StoreException;
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (store && isReactivePoolOutage(t)) {
                return true;
            }
            if (t instanceof SQLException sql) {
                if (isOutage(sql.getSQLState())) {
                    return true;
                }
                String message = String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (message.contains("acquisition timeout") || message.contains("connection refused")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether PostgreSQL refused a value itself (SQLSTATE class 22: bad encoding, out of range, too long). */
    public static boolean isDataException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof SQLException sql ? sql.getSQLState()
                    : t instanceof io.vertx.sqlclient.DatabaseException db ? db.getSqlState() : null;
            if (state != null && state.startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /** The Vert.x client's outages; only asked below a {@link StoreException}, so never of an OpenTok call. */
    private static boolean isReactivePoolOutage(Throwable t) {
        if (t instanceof java.io.IOException // refused, reset ("Connection reset" as a database stops), timed out
                || t instanceof io.vertx.sqlclient.ClosedConnectionException
                || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
            return true;
        }
        if (t instanceof io.vertx.sqlclient.DatabaseException db) {
            return isOutage(db.getSqlState());
        }
        // the pool's acquisition timeout, and a statement given a connection that is closing (its socket's status
        // CLOSED as a failover stops the server), are plain VertxExceptions
        String message = String.valueOf(t.getMessage());
        return t instanceof io.vertx.core.VertxException
                && (message.startsWith("Timeout waiting for connection")
                        || message.startsWith("Connection is not active now"));
    }

    /** SQLSTATE classes 08 (connection exception) and 57P (the server is shutting down or cannot connect). */
    private static boolean isOutage(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /** Whether a failure, anywhere in its cause chain, is a unique-constraint violation. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
