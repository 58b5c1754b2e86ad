package com.smarttelehealth.video.opentok;

import jakarta.enterprise.context.ApplicationScoped;

import com.opentok.Role;
import com.opentok.TokenOptions;

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

    /** Signs a client token locally; no network call is made. */
    public String issueToken(TokenSpec spec) {
        return calls.call("generate_token", () -> {
            TokenOptions.Builder options = new TokenOptions.Builder()
                    .role(sdkRole(spec.role()))
                    .expireTime(spec.expiresAt().getEpochSecond())
                    .data(spec.connectionData());
            if (spec.layoutClasses() != null && !spec.layoutClasses().isEmpty()) {
                options.initialLayoutClassList(spec.layoutClasses());
            }
            return sdk.get().generateToken(spec.sessionId(), options.build());
        });
    }

    /** The configured project API key, as clients need it to connect. */
    public String apiKey() {
        return Integer.toString(sdk.apiKey());
    }

    /** What is wrong with the OpenTok settings, or null when they are usable. */
    public String configurationProblem() {
        return sdk.configurationProblem();
    }

    private static Role sdkRole(ClientRole role) {
        return switch (role) {
            case SUBSCRIBER -> Role.SUBSCRIBER;
            case PUBLISHER -> Role.PUBLISHER;
            case MODERATOR -> Role.MODERATOR;
        };
    }
}
