package com.smarttelehealth.video.vonage;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import com.smarttelehealth.video.provider.ClientRole;
import com.smarttelehealth.video.provider.GuardedProvider;
import com.smarttelehealth.video.provider.Outcome;
import com.smarttelehealth.video.provider.ProviderAnswers;
import com.smarttelehealth.video.provider.TokenSpec;
import com.smarttelehealth.video.provider.VideoProvider;
import com.vonage.client.video.Role;
import com.vonage.client.video.TokenOptions;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * The {@link VideoProvider} of a Vonage application (application id and private key, {@code com.vonage:server-sdk}):
 * what new Vonage accounts get. Its calls go through {@link VonageRequests} and {@link VonageSafeRequests}, answered
 * as {@link GuardedProvider} answers them. Client tokens are RS256 JWTs signed locally by the SDK with the private
 * key, outside every circuit.
 * <p>
 * The API's archive, broadcast, connection and stream ids are UUIDs, and the SDK refuses anything else before it
 * calls: such an id is answered as not found, without a call.
 */
@Singleton
@Typed(VonageVideoProvider.class)
public class VonageVideoProvider extends GuardedProvider {

    private final VonageSdk sdk;
    private final VonageCalls calls;

    VonageVideoProvider(VonageRequests requests, VonageSafeRequests safe, VonageSdk sdk, VonageCalls calls,
            CircuitBreakerMaintenance circuits) {
        super(requests, safe, circuits, VonageRequests.CIRCUITS, VonageSafeRequests.CIRCUITS);
        this.sdk = sdk;
        this.calls = calls;
    }

    @Override
    protected boolean canBeId(String id) {
        return VonageModels.isId(id);
    }

    @Override
    public Outcome<String> signToken(TokenSpec spec) {
        TokenOptions options = TokenOptions.builder()
                .role(role(spec.role()))
                .expiryLength(Duration.between(Instant.now(), spec.expiresAt()))
                .data(spec.connectionData())
                .initialLayoutClassList(spec.layoutClasses() == null || spec.layoutClasses().isEmpty() ? null
                        : spec.layoutClasses())
                .build();
        return ProviderAnswers.answer(() -> calls.call("generate_token",
                () -> sdk.get().generateToken(spec.sessionId(), options)));
    }

    static Role role(ClientRole role) {
        return switch (role) {
            case SUBSCRIBER -> Role.SUBSCRIBER;
            case PUBLISHER -> Role.PUBLISHER;
            case MODERATOR -> Role.MODERATOR;
        };
    }

    @Override
    public String clientKey() {
        return sdk.applicationId();
    }

    @Override
    public String configurationProblem() {
        return sdk.configurationProblem();
    }
}
