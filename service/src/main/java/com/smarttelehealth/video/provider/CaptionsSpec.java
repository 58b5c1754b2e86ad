package com.smarttelehealth.video.provider;

import java.util.LinkedHashMap;
import java.util.Map;

/** Live captions of a session: the spoken language, for how long at most, partial results, where to report. */
public record CaptionsSpec(String languageCode, int maxDurationSeconds, boolean partialCaptions,
        String statusCallbackUrl) {

    /** The body of the REST call that starts them, as both providers take it. */
    public Map<String, Object> restBody(String sessionId, String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionId", sessionId);
        body.put("token", token);
        body.put("languageCode", languageCode);
        body.put("maxDuration", maxDurationSeconds);
        body.put("partialCaptions", partialCaptions);
        if (statusCallbackUrl != null) {
            body.put("statusCallbackUrl", statusCallbackUrl);
        }
        return body;
    }
}
