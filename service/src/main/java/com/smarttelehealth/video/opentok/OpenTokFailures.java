package com.smarttelehealth.video.opentok;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.opentok.exception.InvalidArgumentException;
import com.smarttelehealth.video.provider.Outcome;
import com.smarttelehealth.video.provider.ProviderFailure;

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

    private OpenTokFailures() {
    }

    static ProviderFailure translate(String operation, Exception failure) {
        if (failure instanceof ProviderFailure known) {
            return known;
        }
        String message = String.valueOf(failure.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        String unreachable = ProviderFailure.unreachable(failure);
        if (unreachable != null || responseCode(message) == 503) {
            String why = unreachable != null ? unreachable : "answered that it is unavailable for now (503)";
            LOG.warnf("OpenTok %s: %s (%s)", operation, why, ProviderFailure.rootMessage(failure));
            return new ProviderFailure.Unavailable(why, failure);
        }
        if (lower.contains("already being recorded") || lower.contains("peer-to-peer")
                || lower.contains("already been started") || lower.contains("not being recorded")
                || lower.contains("status was not")) {
            LOG.debugf("OpenTok %s refused: %s", operation, message);
            return new ProviderFailure(new Outcome.Conflict<>(), failure);
        }
        if (lower.contains("does not exist") || lower.contains("not connected to the session")
                || lower.contains("invalid stream id") || responseCode(message) == 404) {
            LOG.debugf("OpenTok %s: not found: %s", operation, message);
            return new ProviderFailure(new Outcome.NotFound<>(), failure);
        }
        if (failure instanceof InvalidArgumentException || failure instanceof IllegalArgumentException) {
            LOG.errorf("OpenTok %s rejected our arguments: %s", operation, message);
        } else {
            LOG.warnf("OpenTok %s failed: %s", operation, message);
        }
        return new ProviderFailure.Refused(failure);
    }



    private static int responseCode(String message) {
        Matcher matcher = RESPONSE_CODE.matcher(message);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

}
