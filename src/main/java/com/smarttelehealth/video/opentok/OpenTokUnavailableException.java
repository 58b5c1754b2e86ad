package com.smarttelehealth.video.opentok;

import com.smarttelehealth.video.common.ProblemType;
import com.smarttelehealth.video.common.RetryableException;

/** OpenTok did not answer (refused, reset, timed out, 503): safe calls retry it, and it opens the circuit. */
public class OpenTokUnavailableException extends RetryableException {

    public OpenTokUnavailableException(long retryAfterSeconds, Throwable cause) {
        super(ProblemType.UPSTREAM_UNAVAILABLE, "The video platform did not answer in time. Try again shortly.",
                retryAfterSeconds, cause);
    }
}
