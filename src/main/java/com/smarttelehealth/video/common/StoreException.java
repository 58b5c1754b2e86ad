package com.smarttelehealth.video.common;

import java.sql.SQLException;

/**
 * A failure of a plain-JDBC read or write (the hot paths that skip JPA). The SQL cause is kept, so
 * that the error mapper can tell an outage (503) from a fault.
 */
public final class StoreException extends RuntimeException {

    public StoreException(String what, SQLException cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
