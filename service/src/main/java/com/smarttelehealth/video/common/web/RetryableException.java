package com.smarttelehealth.video.common.web;

/** A failure the client may retry later; its answer carries {@code Retry-After}. */
public class RetryableException extends ApiException {

    private final long retryAfterSeconds;

    public RetryableException(ProblemType type, String detail, long retryAfterSeconds, Throwable cause) {
        super(type, detail, cause);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
