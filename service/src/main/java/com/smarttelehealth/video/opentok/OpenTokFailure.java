package com.smarttelehealth.video.opentok;

import com.smarttelehealth.video.provider.Outcome;

/**
 * An SDK call that did not give its result, as {@link OpenTokFailures} read it: the {@link Outcome} it stands
 * for. It never leaves this package: {@link OpenTokVideoProvider} answers the outcome. Its subclasses are the
 * failures that count against the circuit (and, for {@link Unavailable}, that a safe call tries again).
 */
class OpenTokFailure extends RuntimeException {

    private final transient Outcome<?> outcome;

    OpenTokFailure(Outcome<?> outcome, Throwable cause) {
        super(outcome.toString(), cause, false, false);
        this.outcome = outcome;
    }

    @SuppressWarnings("unchecked")
    <T> Outcome<T> outcome() {
        return (Outcome<T>) outcome;
    }

    /** No usable answer: refused, reset, timed out, or an OpenTok 503. */
    static final class Unavailable extends OpenTokFailure {
        Unavailable(String why, long retryAfterSeconds, Throwable cause) {
            super(new Outcome.Unavailable<>(why, retryAfterSeconds), cause);
        }
    }

    /** OpenTok answered with an error of its own, or refused our arguments. */
    static final class Refused extends OpenTokFailure {
        Refused(Throwable cause) {
            super(new Outcome.Refused<>(), cause);
        }
    }
}
