package com.smarttelehealth.video.opentok;

import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import com.smarttelehealth.video.provider.ArchiveInfo;
import com.smarttelehealth.video.provider.ArchiveSpec;
import com.smarttelehealth.video.provider.BroadcastInfo;
import com.smarttelehealth.video.provider.BroadcastSpec;
import com.smarttelehealth.video.provider.Outcome;
import com.smarttelehealth.video.provider.ProviderAnswers;
import com.smarttelehealth.video.provider.TokenSpec;
import com.smarttelehealth.video.provider.VideoProvider;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * The {@link VideoProvider} of a legacy OpenTok project (API key and secret, {@code com.tokbox:opentok-server-sdk}).
 * The calls go through {@link OpenTokRequests} and {@link OpenTokSafeRequests}, which hold the fault tolerance;
 * whatever they or it throw is answered here as an {@link Outcome}, so that no SDK or fault-tolerance exception
 * leaves this package. Tokens are signed locally by {@link T1Tokens}, outside every circuit.
 */
@ApplicationScoped
@Typed(OpenTokVideoProvider.class)
public class OpenTokVideoProvider implements VideoProvider {

    private static final List<String> CIRCUITS = Stream.concat(OpenTokRequests.CIRCUITS.stream(),
            OpenTokSafeRequests.CIRCUITS.stream()).toList();

    private final OpenTokRequests requests;
    private final OpenTokSafeRequests safe;
    private final OpenTokSdk sdk;
    private final OpenTokCalls calls;
    private final CircuitBreakerMaintenance circuits;

    OpenTokVideoProvider(OpenTokRequests requests, OpenTokSafeRequests safe, OpenTokSdk sdk, OpenTokCalls calls,
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
        return calls.call("generate_token", () -> sdk.tokens().sign(spec));
    }

    @Override
    public String clientKey() {
        return Integer.toString(sdk.apiKey());
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
        return ProviderAnswers.done(() -> safe.forceDisconnect(sessionId, connectionId));
    }

    @Override
    public Outcome<Void> muteAll(String sessionId, List<String> excludedStreamIds) {
        return ProviderAnswers.done(() -> requests.muteAll(sessionId, excludedStreamIds));
    }

    @Override
    public Outcome<Void> muteStream(String sessionId, String streamId) {
        return ProviderAnswers.done(() -> requests.muteStream(sessionId, streamId));
    }

    @Override
    public Outcome<Void> signal(String sessionId, String connectionId, String type, String data) {
        return ProviderAnswers.done(() -> requests.signal(sessionId, connectionId, type, data));
    }

    @Override
    public Outcome<ArchiveInfo> startArchive(String sessionId, ArchiveSpec spec) {
        return ProviderAnswers.answer(() -> requests.startArchive(sessionId, spec));
    }

    @Override
    public Outcome<ArchiveInfo> stopArchive(String archiveId) {
        return ProviderAnswers.answer(() -> safe.stopArchive(archiveId));
    }

    @Override
    public Outcome<ArchiveInfo> getArchive(String archiveId) {
        return ProviderAnswers.answer(() -> safe.getArchive(archiveId));
    }

    @Override
    public Outcome<List<ArchiveInfo>> listArchives(String sessionId) {
        return ProviderAnswers.answer(() -> safe.listArchives(sessionId));
    }

    @Override
    public Outcome<Void> deleteArchive(String archiveId) {
        return ProviderAnswers.done(() -> safe.deleteArchive(archiveId));
    }

    @Override
    public Outcome<Void> setArchiveLayout(String archiveId, String layoutType, String stylesheet) {
        return ProviderAnswers.done(() -> requests.setArchiveLayout(archiveId, layoutType, stylesheet));
    }

    @Override
    public Outcome<BroadcastInfo> startBroadcast(String sessionId, BroadcastSpec spec) {
        return ProviderAnswers.answer(() -> requests.startBroadcast(sessionId, spec));
    }

    @Override
    public Outcome<BroadcastInfo> stopBroadcast(String broadcastId) {
        return ProviderAnswers.answer(() -> safe.stopBroadcast(broadcastId));
    }

    @Override
    public Outcome<BroadcastInfo> getBroadcast(String broadcastId) {
        return ProviderAnswers.answer(() -> safe.getBroadcast(broadcastId));
    }

    @Override
    public Outcome<Void> setBroadcastLayout(String broadcastId, String layoutType, String stylesheet) {
        return ProviderAnswers.done(() -> requests.setBroadcastLayout(broadcastId, layoutType, stylesheet));
    }

}
