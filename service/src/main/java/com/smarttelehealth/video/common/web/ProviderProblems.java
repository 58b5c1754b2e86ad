package com.smarttelehealth.video.common.web;

import com.smarttelehealth.video.provider.Outcome;

/**
 * What the video provider's outcomes mean for the API, where a service gives them no meaning of its own:
 * not found 404, conflict 409, refused 502 {@code upstream-error}, unavailable 503 {@code upstream-unavailable}
 * with {@code Retry-After} and what happened.
 */
public final class ProviderProblems {

    private ProviderProblems() {
    }

    public static ApiException of(Outcome<?> outcome) {
        if (outcome instanceof Outcome.NotFound) {
            return new ApiException(ProblemType.NOT_FOUND,
                    "The video platform does not know this connection, stream or recording.");
        }
        if (outcome instanceof Outcome.Conflict) {
            return new ApiException(ProblemType.CONFLICT, "The video platform refused this in the call's current state.");
        }
        if (outcome instanceof Outcome.Unavailable<?> unavailable) {
            return new RetryableException(ProblemType.UPSTREAM_UNAVAILABLE,
                    "The video platform " + unavailable.why() + ". Try again shortly.", unavailable.retryAfterSeconds(),
                    null);
        }
        if (outcome instanceof Outcome.Refused) {
            return new ApiException(ProblemType.UPSTREAM_ERROR, "The video platform answered with an error.");
        }
        throw new IllegalArgumentException("A found outcome is no problem");
    }
}
