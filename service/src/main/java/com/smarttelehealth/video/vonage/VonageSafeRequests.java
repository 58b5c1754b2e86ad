package com.smarttelehealth.video.vonage;

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
import com.vonage.client.video.ListStreamCompositionsRequest;

import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * The Video API calls that are safe to repeat (reads, stops, deletes, force disconnect): guarded as in
 * {@link VonageRequests}, and retried when the API gave no usable answer, with backoff and jitter within a budget.
 */
@ApplicationScoped
@Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = ProviderFailure.Unavailable.class)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
        failOn = { ProviderFailure.Unavailable.class, ProviderFailure.Refused.class })
@Bulkhead(32)
class VonageSafeRequests implements GuardedProvider.SafeRequests {

    static final List<String> CIRCUITS = List.of(
            "vonage.forceDisconnect", "vonage.stopArchive", "vonage.getArchive", "vonage.listArchives",
            "vonage.deleteArchive", "vonage.stopBroadcast", "vonage.getBroadcast", "vonage.stopCaptions");

    private final VonageSdk sdk;
    private final VonageCalls calls;

    VonageSafeRequests(VonageSdk sdk, VonageCalls calls) {
        this.sdk = sdk;
        this.calls = calls;
    }

    @CircuitBreakerName("vonage.forceDisconnect")
    public void forceDisconnect(String sessionId, String connectionId) {
        calls.run("force_disconnect", () -> sdk.get().forceDisconnect(sessionId, connectionId));
    }

    @CircuitBreakerName("vonage.stopArchive")
    public ArchiveInfo stopArchive(String archiveId) {
        return calls.call("stop_archive", () -> VonageModels.archive(sdk.get().stopArchive(archiveId)));
    }

    @CircuitBreakerName("vonage.getArchive")
    public ArchiveInfo getArchive(String archiveId) {
        return calls.call("get_archive", () -> VonageModels.archive(sdk.get().getArchive(archiveId)));
    }

    @CircuitBreakerName("vonage.listArchives")
    public List<ArchiveInfo> listArchives(String sessionId) {
        ListStreamCompositionsRequest request = ListStreamCompositionsRequest.builder()
                .sessionId(sessionId).offset(0).count(1000).build();
        return calls.call("list_archives", () -> sdk.get().listArchives(request).stream()
                .map(VonageModels::archive).toList());
    }

    @CircuitBreakerName("vonage.deleteArchive")
    public void deleteArchive(String archiveId) {
        calls.run("delete_archive", () -> sdk.get().deleteArchive(archiveId));
    }

    @CircuitBreakerName("vonage.stopBroadcast")
    public BroadcastInfo stopBroadcast(String broadcastId) {
        return calls.call("stop_broadcast", () -> VonageModels.broadcast(sdk.get().stopBroadcast(broadcastId)));
    }

    @CircuitBreakerName("vonage.getBroadcast")
    public BroadcastInfo getBroadcast(String broadcastId) {
        return calls.call("get_broadcast", () -> VonageModels.broadcast(sdk.get().getBroadcast(broadcastId)));
    }

    @CircuitBreakerName("vonage.stopCaptions")
    public void stopCaptions(String captionsId) {
        calls.run("stop_captions", () -> sdk.get().stopCaptions(captionsId));
    }
}
