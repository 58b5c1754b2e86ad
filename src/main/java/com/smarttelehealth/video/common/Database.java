package com.smarttelehealth.video.common;

import java.sql.SQLException;

/** Reading PostgreSQL's answers. */
public final class Database {

    private static final String UNIQUE_VIOLATION = "23505";

    private Database() {
    }

    /** Whether a failure, anywhere in its cause chain, is a unique-constraint violation. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException constraint
                    && UNIQUE_VIOLATION.equals(constraint.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
