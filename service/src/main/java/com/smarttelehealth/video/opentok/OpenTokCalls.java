package com.smarttelehealth.video.opentok;

import jakarta.inject.Singleton;

import com.smarttelehealth.video.provider.ProviderCalls;
import com.smarttelehealth.video.provider.ProviderFailure;

import io.micrometer.core.instrument.MeterRegistry;

/** OpenTok's SDK calls, timed with {@code provider="opentok"} and read by {@link OpenTokFailures}. */
@Singleton
class OpenTokCalls extends ProviderCalls {

    OpenTokCalls(MeterRegistry registry) {
        super(registry, "opentok");
    }

    @Override
    protected ProviderFailure translate(String operation, Exception failure) {
        return OpenTokFailures.translate(operation, failure);
    }
}
