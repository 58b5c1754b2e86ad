package com.smarttelehealth.video.provider;

import java.util.List;
import java.util.stream.Stream;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * What every adapter's {@link VideoProvider} does with its provider's calls: each goes through one of two beans
 * that hold the fault tolerance ({@link Requests}, never repeated; {@link SafeRequests}, retried), and whatever
 * they or it throw is answered as an {@link Outcome} ({@link ProviderAnswers}), so that no SDK or fault-tolerance
 * exception leaves the adapter. An adapter adds its tokens, its client key and its settings' check, and may say
 * that an id cannot be its provider's at all ({@link #canBeId}): that id is not found, without a call.
 */
public abstract class GuardedProvider implements VideoProvider {

    /** The calls that must not be repeated blindly, each behind its own circuit. */
    public interface Requests {

        String createSession(boolean relayed, boolean archiveAlways);

        void muteAll(String sessionId, List<String> excludedStreamIds);

        void muteStream(String sessionId, String streamId);

        void signal(String sessionId, String connectionId, String type, String data);

        ArchiveInfo startArchive(String sessionId, ArchiveSpec spec);

        void setArchiveLayout(String archiveId, String layoutType, String stylesheet);

        BroadcastInfo startBroadcast(String sessionId, BroadcastSpec spec);

        void setBroadcastLayout(String broadcastId, String layoutType, String stylesheet);

        PhoneLeg dial(String sessionId, String token, SipDial dial);

        void playDtmf(String sessionId, String connectionId, String digits);

        String startCaptions(String sessionId, String token, CaptionsSpec spec);
    }

    /** The calls that are safe to repeat (reads, stops, deletes, disconnects). */
    public interface SafeRequests {

        void forceDisconnect(String sessionId, String connectionId);

        ArchiveInfo stopArchive(String archiveId);

        ArchiveInfo getArchive(String archiveId);

        List<ArchiveInfo> listArchives(String sessionId);

        void deleteArchive(String archiveId);

        BroadcastInfo stopBroadcast(String broadcastId);

        BroadcastInfo getBroadcast(String broadcastId);

        void stopCaptions(String captionsId);
    }

    private final Requests requests;
    private final SafeRequests safe;
    private final CircuitBreakerMaintenance circuits;
    private final List<String> circuitNames;

    protected GuardedProvider(Requests requests, SafeRequests safe, CircuitBreakerMaintenance circuits,
            List<String> requestCircuits, List<String> safeCircuits) {
        this.requests = requests;
        this.safe = safe;
        this.circuits = circuits;
        this.circuitNames = Stream.concat(requestCircuits.stream(), safeCircuits.stream()).toList();
    }

    /** Whether {@code id} (of a connection, stream, archive or broadcast) can be the provider's at all. */
    protected boolean canBeId(String id) {
        return true;
    }

    @Override
    public Outcome<String> createSession(boolean relayed, boolean archiveAlways) {
        return ProviderAnswers.answer(() -> requests.createSession(relayed, archiveAlways));
    }

    @Override
    public boolean isFailing() {
        return ProviderAnswers.anyOpen(circuits, circuitNames);
    }

    @Override
    public Outcome<Void> forceDisconnect(String sessionId, String connectionId) {
        return canBeId(connectionId) ? ProviderAnswers.done(() -> safe.forceDisconnect(sessionId, connectionId))
                : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<Void> muteAll(String sessionId, List<String> excludedStreamIds) {
        return ProviderAnswers.done(() -> requests.muteAll(sessionId, excludedStreamIds));
    }

    @Override
    public Outcome<Void> muteStream(String sessionId, String streamId) {
        return canBeId(streamId) ? ProviderAnswers.done(() -> requests.muteStream(sessionId, streamId))
                : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<Void> signal(String sessionId, String connectionId, String type, String data) {
        return connectionId == null || canBeId(connectionId)
                ? ProviderAnswers.done(() -> requests.signal(sessionId, connectionId, type, data))
                : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<PhoneLeg> dial(String sessionId, String token, SipDial dial) {
        return ProviderAnswers.answer(() -> requests.dial(sessionId, token, dial));
    }

    @Override
    public Outcome<Void> playDtmf(String sessionId, String connectionId, String digits) {
        return canBeId(connectionId) ? ProviderAnswers.done(() -> requests.playDtmf(sessionId, connectionId, digits))
                : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<String> startCaptions(String sessionId, String token, CaptionsSpec spec) {
        return ProviderAnswers.answer(() -> requests.startCaptions(sessionId, token, spec));
    }

    @Override
    public Outcome<Void> stopCaptions(String captionsId) {
        return canBeId(captionsId) ? ProviderAnswers.done(() -> safe.stopCaptions(captionsId)) : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<ArchiveInfo> startArchive(String sessionId, ArchiveSpec spec) {
        return ProviderAnswers.answer(() -> requests.startArchive(sessionId, spec));
    }

    @Override
    public Outcome<ArchiveInfo> stopArchive(String archiveId) {
        return canBeId(archiveId) ? ProviderAnswers.answer(() -> safe.stopArchive(archiveId)) : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<ArchiveInfo> getArchive(String archiveId) {
        return canBeId(archiveId) ? ProviderAnswers.answer(() -> safe.getArchive(archiveId)) : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<List<ArchiveInfo>> listArchives(String sessionId) {
        return ProviderAnswers.answer(() -> safe.listArchives(sessionId));
    }

    @Override
    public Outcome<Void> deleteArchive(String archiveId) {
        return canBeId(archiveId) ? ProviderAnswers.done(() -> safe.deleteArchive(archiveId)) : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<Void> setArchiveLayout(String archiveId, String layoutType, String stylesheet) {
        return canBeId(archiveId)
                ? ProviderAnswers.done(() -> requests.setArchiveLayout(archiveId, layoutType, stylesheet))
                : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<BroadcastInfo> startBroadcast(String sessionId, BroadcastSpec spec) {
        return ProviderAnswers.answer(() -> requests.startBroadcast(sessionId, spec));
    }

    @Override
    public Outcome<BroadcastInfo> stopBroadcast(String broadcastId) {
        return canBeId(broadcastId) ? ProviderAnswers.answer(() -> safe.stopBroadcast(broadcastId))
                : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<BroadcastInfo> getBroadcast(String broadcastId) {
        return canBeId(broadcastId) ? ProviderAnswers.answer(() -> safe.getBroadcast(broadcastId))
                : new Outcome.NotFound<>();
    }

    @Override
    public Outcome<Void> setBroadcastLayout(String broadcastId, String layoutType, String stylesheet) {
        return canBeId(broadcastId)
                ? ProviderAnswers.done(() -> requests.setBroadcastLayout(broadcastId, layoutType, stylesheet))
                : new Outcome.NotFound<>();
    }
}
