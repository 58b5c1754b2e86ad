package com.smarttelehealth.video.common.persistence;

/**
 * A failure of a statement on the reactive pool ({@link ReactiveStatements}: the hot paths that skip JPA). The client's cause is
 * kept, so that the error mapper can tell an outage (503) from a fault.
 */
public final class StoreException extends RuntimeException {

    public StoreException(String what, Throwable cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
