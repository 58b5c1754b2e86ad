package com.smarttelehealth.video.vonage;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.provider.Outcome;
import com.smarttelehealth.video.provider.ProviderFailure;
import com.vonage.client.VonageApiResponseException;

/**
 * Reads Video API failures as outcomes. Unlike OpenTok's SDK, this one carries the HTTP status
 * ({@link VonageApiResponseException#getStatusCode()}):
 * <ul>
 * <li>no answer (refused, reset, timed out: the SDK wraps the {@code IOException}) or a 502/503/504:
 * unavailable, saying which;</li>
 * <li>409 (already recording or broadcasting, a relayed session, not recording): conflict;</li>
 * <li>404: not found;</li>
 * <li>anything else (400, 401, 403, 500...): refused, the provider's own error.</li>
 * </ul>
 * The API's error titles are logged (they hold no secret); neither they nor the SDK's exceptions leave this package.
 */
final class VonageFailures {

    private static final Logger LOG = Logger.getLogger(VonageFailures.class);

    private VonageFailures() {
    }

    static ProviderFailure translate(String operation, Exception failure) {
        if (failure instanceof ProviderFailure known) {
            return known;
        }
        if (failure instanceof VonageApiResponseException answered) {
            int status = answered.getStatusCode();
            if (status == 502 || status == 503 || status == 504) {
                String why = "answered that it is unavailable for now (" + status + ")";
                LOG.warnf("Vonage %s: %s", operation, why);
                return new ProviderFailure.Unavailable(why, failure);
            }
            if (status == 409) {
                LOG.debugf("Vonage %s refused in this state: %s", operation, said(answered));
                return new ProviderFailure(new Outcome.Conflict<>(), failure);
            }
            if (status == 404) {
                LOG.debugf("Vonage %s: not found", operation);
                return new ProviderFailure(new Outcome.NotFound<>(), failure);
            }
            if (status == 400 || status == 401 || status == 403) {
                LOG.errorf("Vonage %s refused our request (%d): %s", operation, status, said(answered));
            } else {
                LOG.warnf("Vonage %s failed (%d): %s", operation, status, said(answered));
            }
            return new ProviderFailure.Refused(failure);
        }
        String unreachable = ProviderFailure.unreachable(failure);
        if (unreachable != null) {
            LOG.warnf("Vonage %s: %s (%s)", operation, unreachable, ProviderFailure.rootMessage(failure));
            return new ProviderFailure.Unavailable(unreachable, failure);
        }
        LOG.warnf("Vonage %s failed: %s", operation, failure.getClass().getSimpleName());
        return new ProviderFailure.Refused(failure);
    }

    /** What the API said: the error's title or detail; the Video API's own {@code message} is not kept by the SDK. */
    private static String said(VonageApiResponseException answered) {
        if (answered.getTitle() != null) {
            return answered.getTitle();
        }
        return answered.getDetail() != null ? answered.getDetail() : "(no detail)";
    }
}
