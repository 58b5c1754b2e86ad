package com.smarttelehealth.video.opentok;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Client tokens and the project settings clients need. Token signing is local (HMAC with the project
 * secret), so it works even while OpenTok's REST API is down: it sits outside the circuit breaker.
 */
@ApplicationScoped
public class OpenTokTokens {

    private final OpenTokSdk sdk;
    private final OpenTokCalls calls;

    OpenTokTokens(OpenTokSdk sdk, OpenTokCalls calls) {
        this.sdk = sdk;
        this.calls = calls;
    }

    /** Signs a client token locally, in the SDK's T1 format ({@link T1Tokens}); no network call is made. */
    public String issueToken(TokenSpec spec) {
        return calls.call("generate_token", () -> sdk.tokens().sign(spec));
    }

    /** The configured project API key, as clients need it to connect. */
    public String apiKey() {
        return Integer.toString(sdk.apiKey());
    }

    /** What is wrong with the OpenTok settings, or null when they are usable. */
    public String configurationProblem() {
        return sdk.configurationProblem();
    }
}
