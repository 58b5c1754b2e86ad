package com.smarttelehealth.video.provider;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * An SDK call that did not give its result, read by its adapter as the {@link Outcome} it stands for. It never
 * leaves an adapter: {@link ProviderAnswers} turns it back into the outcome. Its subclasses are the failures that
 * count against a circuit (and, for {@link Unavailable}, that a safe call tries again); adapters name them in
 * their fault-tolerance annotations.
 */
public class ProviderFailure extends RuntimeException {

    /** How long a client is told to wait after the provider gave no usable answer. */
    public static final long RETRY_AFTER_SECONDS = 5;

    private final transient Outcome<?> outcome;

    public ProviderFailure(Outcome<?> outcome, Throwable cause) {
        super(outcome.toString(), cause, false, false);
        this.outcome = outcome;
    }

    @SuppressWarnings("unchecked")
    public <T> Outcome<T> outcome() {
        return (Outcome<T>) outcome;
    }

    /** The metric's outcome: a refusal in the call's state is {@code rejected}; anything else that failed, {@code error}. */
    public String metricOutcome() {
        return outcome instanceof Outcome.Conflict || outcome instanceof Outcome.NotFound ? "rejected" : "error";
    }

    /** No usable answer: refused, reset, timed out, or a 503. */
    public static final class Unavailable extends ProviderFailure {
        public Unavailable(String why, Throwable cause) {
            super(new Outcome.Unavailable<>(why, RETRY_AFTER_SECONDS), cause);
        }
    }

    /** The provider answered with an error of its own, or refused our arguments or credentials. */
    public static final class Refused extends ProviderFailure {
        public Refused(Throwable cause) {
            super(new Outcome.Refused<>(), cause);
        }
    }

    /** What kept an answer from arriving, in words for a client, read from the cause chain; null when one arrived. */
    public static String unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return "could not be reached";
            }
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || t instanceof InterruptedIOException) {
                return "did not answer in time";
            }
            if (t instanceof IOException) {
                return "broke off its answer";
            }
        }
        return null;
    }

    /** The innermost cause, as {@code Type: message}, for a log line. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
