package com.smarttelehealth.video.opentok;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

import com.smarttelehealth.video.provider.ArchiveInfo;
import com.smarttelehealth.video.provider.BroadcastInfo;

import com.smarttelehealth.video.provider.GuardedProvider;
import com.smarttelehealth.video.provider.ProviderFailure;

import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * The OpenTok calls that are safe to repeat (reads, stops, deletes, force disconnect): guarded as in
 * {@link OpenTokRequests}, and retried when OpenTok gave no usable answer, with backoff and jitter within a
 * time budget.
 */
@ApplicationScoped
@Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = ProviderFailure.Unavailable.class)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
        failOn = { ProviderFailure.Unavailable.class, ProviderFailure.Refused.class })
@Bulkhead(32)
class OpenTokSafeRequests implements GuardedProvider.SafeRequests {

    static final List<String> CIRCUITS = List.of(
            "opentok.forceDisconnect", "opentok.stopArchive", "opentok.getArchive", "opentok.listArchives",
            "opentok.deleteArchive", "opentok.stopBroadcast", "opentok.getBroadcast", "opentok.stopCaptions");

    private final OpenTokSdk sdk;
    private final OpenTokCalls calls;

    OpenTokSafeRequests(OpenTokSdk sdk, OpenTokCalls calls) {
        this.sdk = sdk;
        this.calls = calls;
    }

    @CircuitBreakerName("opentok.forceDisconnect")
    public void forceDisconnect(String sessionId, String connectionId) {
        calls.run("force_disconnect", () -> sdk.get().forceDisconnect(sessionId, connectionId));
    }

    @CircuitBreakerName("opentok.stopArchive")
    public ArchiveInfo stopArchive(String archiveId) {
        return calls.call("stop_archive", () -> OpenTokModels.archive(sdk.get().stopArchive(archiveId)));
    }

    @CircuitBreakerName("opentok.getArchive")
    public ArchiveInfo getArchive(String archiveId) {
        return calls.call("get_archive", () -> OpenTokModels.archive(sdk.get().getArchive(archiveId)));
    }

    @CircuitBreakerName("opentok.listArchives")
    public List<ArchiveInfo> listArchives(String sessionId) {
        return calls.call("list_archives", () -> sdk.get().listArchives(sessionId, 0, 1000).stream()
                .map(OpenTokModels::archive).toList());
    }

    @CircuitBreakerName("opentok.deleteArchive")
    public void deleteArchive(String archiveId) {
        calls.run("delete_archive", () -> sdk.get().deleteArchive(archiveId));
    }

    @CircuitBreakerName("opentok.stopBroadcast")
    public BroadcastInfo stopBroadcast(String broadcastId) {
        return calls.call("stop_broadcast", () -> OpenTokModels.broadcast(sdk.get().stopBroadcast(broadcastId)));
    }

    @CircuitBreakerName("opentok.getBroadcast")
    public BroadcastInfo getBroadcast(String broadcastId) {
        return calls.call("get_broadcast", () -> OpenTokModels.broadcast(sdk.get().getBroadcast(broadcastId)));
    }

    @CircuitBreakerName("opentok.stopCaptions")
    public void stopCaptions(String captionsId) {
        calls.run("stop_captions", () -> com.smarttelehealth.video.provider.ProviderRest.post(
                sdk.restBase() + "/captions/" + captionsId + "/stop", sdk.restAuth(), null, sdk.requestTimeout()));
    }
}
