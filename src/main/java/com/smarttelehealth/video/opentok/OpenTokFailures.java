package com.smarttelehealth.video.opentok;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.opentok.exception.InvalidArgumentException;
import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.ProblemType;

/**
 * Turns SDK failures into the service's problems. SDK 4.9.0 carries no HTTP status on its
 * exceptions, only messages (see its {@code HttpClient}), so the mapping reads the message and the
 * cause chain:
 * <ul>
 * <li>no answer (refused, reset, timed out) or an OpenTok 503: {@code upstream-unavailable} (503);</li>
 * <li>"already being recorded", "peer-to-peer", "already been started", "not being recorded": conflict (409);</li>
 * <li>"does not exist", "not connected", "invalid stream ID": not found (404);</li>
 * <li>anything else: {@code upstream-error} (502).</li>
 * </ul>
 * SDK messages are logged (they hold no secret) but never returned to clients.
 */
final class OpenTokFailures {

    private static final Logger LOG = Logger.getLogger(OpenTokFailures.class);
    private static final Pattern RESPONSE_CODE = Pattern.compile("response code: (\\d{3})");
    static final long RETRY_AFTER_SECONDS = 5;

    private OpenTokFailures() {
    }

    static ApiException translate(String operation, Exception failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        String message = String.valueOf(failure.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (isUnreachable(failure) || responseCode(message) == 503) {
            LOG.warnf("OpenTok %s: no usable answer (%s)", operation, rootMessage(failure));
            return new OpenTokUnavailableException(RETRY_AFTER_SECONDS, failure);
        }
        if (lower.contains("already being recorded") || lower.contains("peer-to-peer")
                || lower.contains("already been started") || lower.contains("not being recorded")
                || lower.contains("status was not")) {
            LOG.debugf("OpenTok %s refused: %s", operation, message);
            return new ApiException(ProblemType.CONFLICT, "The video platform refused this in the call's current state.",
                    failure);
        }
        if (lower.contains("does not exist") || lower.contains("not connected to the session")
                || lower.contains("invalid stream id") || responseCode(message) == 404) {
            LOG.debugf("OpenTok %s: not found: %s", operation, message);
            return new ApiException(ProblemType.NOT_FOUND, "The video platform does not know this connection, stream or recording.",
                    failure);
        }
        if (failure instanceof InvalidArgumentException || failure instanceof IllegalArgumentException) {
            LOG.errorf("OpenTok %s rejected our arguments: %s", operation, message);
        } else {
            LOG.warnf("OpenTok %s failed: %s", operation, message);
        }
        return new OpenTokErrorException(failure);
    }

    static String outcome(ApiException e) {
        return switch (e.type()) {
            case CONFLICT, NOT_FOUND -> "rejected";
            default -> "error";
        };
    }

    private static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
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
