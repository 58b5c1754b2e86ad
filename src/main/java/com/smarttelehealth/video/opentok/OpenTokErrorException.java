package com.smarttelehealth.video.opentok;

import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.ProblemType;

/** OpenTok answered with an error of its own: it counts against the circuit, and is never retried. */
public class OpenTokErrorException extends ApiException {

    public OpenTokErrorException(Throwable cause) {
        super(ProblemType.UPSTREAM_ERROR, "The video platform answered with an error.", cause);
    }
}
