package com.smarttelehealth.video.vonage;

import jakarta.inject.Singleton;

import com.smarttelehealth.video.provider.ProviderCalls;
import com.smarttelehealth.video.provider.ProviderFailure;

import io.micrometer.core.instrument.MeterRegistry;

/** The Video API's SDK calls, timed with {@code provider="vonage"} and read by {@link VonageFailures}. */
@Singleton
class VonageCalls extends ProviderCalls {

    VonageCalls(MeterRegistry registry) {
        super(registry, "vonage");
    }

    @Override
    protected ProviderFailure translate(String operation, Exception failure) {
        return VonageFailures.translate(operation, failure);
    }
}
