package com.smarttelehealth.video.common.persistence;

/**
 * A failure of a statement, on the JDBC pool ({@link Jdbc}) or the reactive one ({@link ReactiveStatements}). The
 * driver's cause is kept, so that the error mapper can tell an outage (503) or a bad value (400) from a fault.
 */
public final class StoreException extends RuntimeException {

    public StoreException(String what, Throwable cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
