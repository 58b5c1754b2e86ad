package com.smarttelehealth.video.opentok;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import com.smarttelehealth.video.provider.GuardedProvider;
import com.smarttelehealth.video.provider.Outcome;
import com.smarttelehealth.video.provider.ProviderAnswers;
import com.smarttelehealth.video.provider.TokenSpec;
import com.smarttelehealth.video.provider.VideoProvider;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * The {@link VideoProvider} of a legacy OpenTok project (API key and secret, {@code com.tokbox:opentok-server-sdk}).
 * Its calls go through {@link OpenTokRequests} and {@link OpenTokSafeRequests}, answered as {@link GuardedProvider}
 * answers them. Tokens are signed locally by {@link T1Tokens}, outside every circuit.
 */
@Singleton
@Typed(OpenTokVideoProvider.class)
public class OpenTokVideoProvider extends GuardedProvider {

    private final OpenTokSdk sdk;
    private final OpenTokCalls calls;

    OpenTokVideoProvider(OpenTokRequests requests, OpenTokSafeRequests safe, OpenTokSdk sdk, OpenTokCalls calls,
            CircuitBreakerMaintenance circuits) {
        super(requests, safe, circuits, OpenTokRequests.CIRCUITS, OpenTokSafeRequests.CIRCUITS);
        this.sdk = sdk;
        this.calls = calls;
    }

    @Override
    public Outcome<String> signToken(TokenSpec spec) {
        return ProviderAnswers.answer(() -> calls.call("generate_token", () -> sdk.tokens().sign(spec)));
    }

    @Override
    public String clientKey() {
        return Integer.toString(sdk.apiKey());
    }

    @Override
    public String configurationProblem() {
        return sdk.configurationProblem();
    }
}
