package com.smarttelehealth.video.opentok;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.opentok.exception.InvalidArgumentException;
import com.smarttelehealth.video.provider.Outcome;

/**
 * Reads SDK failures as outcomes. SDK 4.9.0 carries no HTTP status on its exceptions, only messages (see its
 * {@code HttpClient}), so this reads the message and the cause chain:
 * <ul>
 * <li>no answer (refused, reset, timed out) or an OpenTok 503: unavailable, saying which;</li>
 * <li>"already being recorded", "peer-to-peer", "already been started", "not being recorded": conflict;</li>
 * <li>"does not exist", "not connected", "invalid stream ID", a bare 404: not found;</li>
 * <li>anything else: refused (OpenTok's own error).</li>
 * </ul>
 * SDK messages are logged (they hold no secret) but never leave this package.
 */
final class OpenTokFailures {

    private static final Logger LOG = Logger.getLogger(OpenTokFailures.class);
    private static final Pattern RESPONSE_CODE = Pattern.compile("response code: (\\d{3})");
    static final long RETRY_AFTER_SECONDS = 5;

    private OpenTokFailures() {
    }

    static OpenTokFailure translate(String operation, Exception failure) {
        if (failure instanceof OpenTokFailure known) {
            return known;
        }
        String message = String.valueOf(failure.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        String unreachable = unreachable(failure);
        if (unreachable != null || responseCode(message) == 503) {
            String why = unreachable != null ? unreachable : "answered that it is unavailable for now (503)";
            LOG.warnf("OpenTok %s: %s (%s)", operation, why, rootMessage(failure));
            return new OpenTokFailure.Unavailable(why, RETRY_AFTER_SECONDS, failure);
        }
        if (lower.contains("already being recorded") || lower.contains("peer-to-peer")
                || lower.contains("already been started") || lower.contains("not being recorded")
                || lower.contains("status was not")) {
            LOG.debugf("OpenTok %s refused: %s", operation, message);
            return new OpenTokFailure(new Outcome.Conflict<>(), failure);
        }
        if (lower.contains("does not exist") || lower.contains("not connected to the session")
                || lower.contains("invalid stream id") || responseCode(message) == 404) {
            LOG.debugf("OpenTok %s: not found: %s", operation, message);
            return new OpenTokFailure(new Outcome.NotFound<>(), failure);
        }
        if (failure instanceof InvalidArgumentException || failure instanceof IllegalArgumentException) {
            LOG.errorf("OpenTok %s rejected our arguments: %s", operation, message);
        } else {
            LOG.warnf("OpenTok %s failed: %s", operation, message);
        }
        return new OpenTokFailure.Refused(failure);
    }

    /** The metric's outcome: a refusal in the call's state is {@code rejected}; anything else that failed, {@code error}. */
    static String metricOutcome(OpenTokFailure failure) {
        Outcome<?> outcome = failure.outcome();
        return outcome instanceof Outcome.Conflict || outcome instanceof Outcome.NotFound ? "rejected" : "error";
    }

    /** What kept an answer from arriving, in words for a client; null when one arrived. */
    private static String unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return "could not be reached";
            }
            if (t instanceof TimeoutException) {
                return "did not answer in time";
            }
            if (t instanceof IOException) {
                return "broke off its answer";
            }
        }
        return null;
    }

    private static int responseCode(String message) {
        Matcher matcher = RESPONSE_CODE.matcher(message);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
