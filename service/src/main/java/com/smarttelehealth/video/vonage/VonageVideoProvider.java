package com.smarttelehealth.video.vonage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import com.smarttelehealth.video.provider.ArchiveInfo;
import com.smarttelehealth.video.provider.ArchiveSpec;
import com.smarttelehealth.video.provider.BroadcastInfo;
import com.smarttelehealth.video.provider.BroadcastSpec;
import com.smarttelehealth.video.provider.ClientRole;
import com.smarttelehealth.video.provider.Outcome;
import com.smarttelehealth.video.provider.ProviderAnswers;
import com.smarttelehealth.video.provider.TokenSpec;
import com.smarttelehealth.video.provider.VideoProvider;
import com.vonage.client.video.Role;
import com.vonage.client.video.TokenOptions;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * The {@link VideoProvider} of a Vonage application (application id and private key, {@code com.vonage:server-sdk}):
 * what new Vonage accounts get. The calls go through {@link VonageRequests} and {@link VonageSafeRequests}, which
 * hold the fault tolerance. Client tokens are RS256 JWTs signed locally by the SDK with the private key, outside
 * every circuit.
 * <p>
 * The API's archive, broadcast, connection and stream ids are UUIDs, and the SDK refuses anything else before it
 * calls: such an id is answered as not found here, without a call.
 */
@ApplicationScoped
@Typed(VonageVideoProvider.class)
public class VonageVideoProvider implements VideoProvider {

    private static final List<String> CIRCUITS = Stream.concat(VonageRequests.CIRCUITS.stream(),
            VonageSafeRequests.CIRCUITS.stream()).toList();

    private final VonageRequests requests;
    private final VonageSafeRequests safe;
    private final VonageSdk sdk;
    private final VonageCalls calls;
    private final CircuitBreakerMaintenance circuits;

    VonageVideoProvider(VonageRequests requests, VonageSafeRequests safe, VonageSdk sdk, VonageCalls calls,
            CircuitBreakerMaintenance circuits) {
        this.requests = requests;
        this.safe = safe;
        this.sdk = sdk;
        this.calls = calls;
        this.circuits = circuits;
    }

    @Override
    public Outcome<String> createSession(boolean relayed, boolean archiveAlways) {
        return ProviderAnswers.answer(() -> requests.createSession(relayed, archiveAlways));
    }

    @Override
    public String signToken(TokenSpec spec) {
        TokenOptions options = TokenOptions.builder()
                .role(role(spec.role()))
                .expiryLength(Duration.between(Instant.now(), spec.expiresAt()))
                .data(spec.connectionData())
                .initialLayoutClassList(spec.layoutClasses() == null || spec.layoutClasses().isEmpty() ? null
                        : spec.layoutClasses())
                .build();
        return calls.call("generate_token", () -> sdk.get().generateToken(spec.sessionId(), options));
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

    @Override
    public boolean isFailing() {
        return ProviderAnswers.anyOpen(circuits, CIRCUITS);
    }

    @Override
    public Outcome<Void> forceDisconnect(String sessionId, String connectionId) {
        if (!VonageModels.isId(connectionId)) {
            return new Outcome.NotFound<>();
        }
        return ProviderAnswers.done(() -> safe.forceDisconnect(sessionId, connectionId));
    }

    @Override
    public Outcome<Void> muteAll(String sessionId, List<String> excludedStreamIds) {
        return ProviderAnswers.done(() -> requests.muteAll(sessionId, excludedStreamIds));
    }

    @Override
    public Outcome<Void> muteStream(String sessionId, String streamId) {
        if (!VonageModels.isId(streamId)) {
            return new Outcome.NotFound<>();
        }
        return ProviderAnswers.done(() -> requests.muteStream(sessionId, streamId));
    }

    @Override
    public Outcome<Void> signal(String sessionId, String connectionId, String type, String data) {
        if (connectionId != null && !VonageModels.isId(connectionId)) {
            return new Outcome.NotFound<>();
        }
        return ProviderAnswers.done(() -> requests.signal(sessionId, connectionId, type, data));
    }

    @Override
    public Outcome<ArchiveInfo> startArchive(String sessionId, ArchiveSpec spec) {
        return ProviderAnswers.answer(() -> requests.startArchive(sessionId, spec));
    }

    @Override
    public Outcome<ArchiveInfo> stopArchive(String archiveId) {
        return VonageModels.isId(archiveId) ? ProviderAnswers.answer(() -> safe.stopArchive(archiveId))
                : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<ArchiveInfo> getArchive(String archiveId) {
        return VonageModels.isId(archiveId) ? ProviderAnswers.answer(() -> safe.getArchive(archiveId))
                : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<List<ArchiveInfo>> listArchives(String sessionId) {
        return ProviderAnswers.answer(() -> safe.listArchives(sessionId));
    }

    @Override
    public Outcome<Void> deleteArchive(String archiveId) {
        return VonageModels.isId(archiveId) ? ProviderAnswers.done(() -> safe.deleteArchive(archiveId))
                : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<Void> setArchiveLayout(String archiveId, String layoutType, String stylesheet) {
        return VonageModels.isId(archiveId)
                ? ProviderAnswers.done(() -> requests.setArchiveLayout(archiveId, layoutType, stylesheet))
                : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<BroadcastInfo> startBroadcast(String sessionId, BroadcastSpec spec) {
        return ProviderAnswers.answer(() -> requests.startBroadcast(sessionId, spec));
    }

    @Override
    public Outcome<BroadcastInfo> stopBroadcast(String broadcastId) {
        return VonageModels.isId(broadcastId) ? ProviderAnswers.answer(() -> safe.stopBroadcast(broadcastId))
                : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<BroadcastInfo> getBroadcast(String broadcastId) {
        return VonageModels.isId(broadcastId) ? ProviderAnswers.answer(() -> safe.getBroadcast(broadcastId))
                : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<Void> setBroadcastLayout(String broadcastId, String layoutType, String stylesheet) {
        return VonageModels.isId(broadcastId)
                ? ProviderAnswers.done(() -> requests.setBroadcastLayout(broadcastId, layoutType, stylesheet))
                : new Outcome.NotFound<>();
    }
}
