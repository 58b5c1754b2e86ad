package com.smarttelehealth.video.provider;

/** Live captions of a session: the spoken language, for how long at most, partial results, where to report. */
public record CaptionsSpec(String languageCode, int maxDurationSeconds, boolean partialCaptions,
        String statusCallbackUrl) {
}
