package com.smarttelehealth.video.common.web;

import java.util.List;

/**
 * A failure the client is told about. Services throw it (or a subclass); one mapper writes it as
 * problem+json. The detail must never hold a secret, a client token or internal names.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of(), null);
    }

    public ApiException(ProblemType type, String detail, Throwable cause) {
        this(type, detail, List.of(), cause);
    }

    protected ApiException(ProblemType type, String detail, List<FieldError> errors, Throwable cause) {
        super(detail, cause, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ProblemType.NOT_FOUND, what + " was not found.");
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemType.FORBIDDEN, detail);
    }

    public static ApiException conflict(ProblemType type, String detail) {
        return new ApiException(type, detail);
    }

    public static ApiException validation(String field, String message) {
        return new ApiException(ProblemType.VALIDATION_FAILED, "The request has invalid fields.",
                List.of(new FieldError(field, message)), null);
    }

    public static ApiException validation(List<FieldError> errors) {
        return new ApiException(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", errors, null);
    }

    public static ApiException malformed(String detail) {
        return new ApiException(ProblemType.MALFORMED_REQUEST, detail);
    }
}
