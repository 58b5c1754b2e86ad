package com.smarttelehealth.video.opentok;

import java.util.List;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.opentok.Archive;
import com.opentok.ArchiveLayout;
import com.opentok.ArchiveMode;
import com.opentok.ArchiveProperties;
import com.opentok.Broadcast;
import com.opentok.BroadcastLayout;
import com.opentok.BroadcastProperties;
import com.opentok.Hls;
import com.opentok.RtmpProperties;
import com.opentok.MediaMode;
import com.opentok.MuteAllProperties;
import com.opentok.SessionProperties;
import com.opentok.SignalProperties;
import com.opentok.exception.OpenTokException;
import com.smarttelehealth.video.common.ApiException;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * The service's only door to OpenTok. Each call is timed as
 * {@code videocall_opentok_request_seconds{operation,outcome}} and its SDK failures are turned into
 * the service's own {@link ApiException}s by {@link OpenTokFailures}.
 * <p>
 * Every REST call is guarded (SmallRye Fault Tolerance): the SDK's own request timeout
 * ({@code opentok.request-timeout}), a bulkhead, and a circuit breaker per operation that opens when
 * OpenTok fails and lets a probe through after a delay, so the service recovers by itself. Only
 * calls that are safe to repeat (reads, stops, deletes, force disconnect) are retried, with backoff
 * and jitter within a time budget; creating a session, an archive or a broadcast is never retried
 * blindly. Token signing is local and lives in {@link OpenTokTokens}, outside the circuit.
 */
@ApplicationScoped
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
        failOn = { OpenTokUnavailableException.class, OpenTokErrorException.class })
@Bulkhead(32)
public class OpenTokClient {

    /** One circuit per OpenTok operation, so that a failing archive API does not stop session creation. */
    public static final List<String> CIRCUITS = List.of(
            "opentok.createSession", "opentok.forceDisconnect", "opentok.muteAll", "opentok.muteStream",
            "opentok.signal", "opentok.startArchive", "opentok.stopArchive", "opentok.getArchive",
            "opentok.listArchives", "opentok.deleteArchive", "opentok.setArchiveLayout",
            "opentok.startBroadcast", "opentok.stopBroadcast", "opentok.getBroadcast",
            "opentok.setBroadcastLayout");

    private final OpenTokSdk sdk;
    private final OpenTokCalls calls;

    OpenTokClient(OpenTokSdk sdk, OpenTokCalls calls) {
        this.sdk = sdk;
        this.calls = calls;
    }

    /** Creates an OpenTok session and answers its id. */
    @CircuitBreakerName("opentok.createSession")
    public String createSession(boolean relayed, boolean archiveAlways) {
        SessionProperties properties = new SessionProperties.Builder()
                .mediaMode(relayed ? MediaMode.RELAYED : MediaMode.ROUTED)
                .archiveMode(archiveAlways ? ArchiveMode.ALWAYS : ArchiveMode.MANUAL)
                .build();
        return call("create_session", () -> sdk.get().createSession(properties).getSessionId());
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = OpenTokUnavailableException.class)
    @CircuitBreakerName("opentok.forceDisconnect")
    public void forceDisconnect(String sessionId, String connectionId) {
        run("force_disconnect", () -> sdk.get().forceDisconnect(sessionId, connectionId));
    }

    @CircuitBreakerName("opentok.muteAll")
    public void muteAll(String sessionId, List<String> excludedStreamIds) {
        MuteAllProperties properties = new MuteAllProperties.Builder()
                .excludedStreamIds(excludedStreamIds == null ? List.of() : excludedStreamIds)
                .build();
        run("mute_all", () -> sdk.get().forceMuteAll(sessionId, properties));
    }

    @CircuitBreakerName("opentok.muteStream")
    public void muteStream(String sessionId, String streamId) {
        run("mute_stream", () -> sdk.get().forceMuteStream(sessionId, streamId));
    }

    /** Sends a signal to every client of the session, or to one connection when {@code connectionId} is set. */
    @CircuitBreakerName("opentok.signal")
    public void signal(String sessionId, String connectionId, String type, String data) {
        SignalProperties properties = new SignalProperties.Builder().type(type).data(data).build();
        run("signal", () -> {
            if (connectionId == null) {
                sdk.get().signal(sessionId, properties);
            } else {
                sdk.get().signal(sessionId, connectionId, properties);
            }
        });
    }

    @CircuitBreakerName("opentok.startArchive")
    public ArchiveInfo startArchive(String sessionId, ArchiveSpec spec) {
        ArchiveProperties.Builder properties = new ArchiveProperties.Builder()
                .name(spec.name())
                .hasAudio(spec.hasAudio())
                .hasVideo(spec.hasVideo())
                .outputMode(spec.individual() ? Archive.OutputMode.INDIVIDUAL : Archive.OutputMode.COMPOSED)
                .streamMode(spec.manualStreams() ? Archive.StreamMode.MANUAL : Archive.StreamMode.AUTO);
        if (spec.resolution() != null) {
            properties.resolution(spec.resolution());
        }
        if (spec.layoutType() != null) {
            properties.layout(new ArchiveLayout(archiveLayoutType(spec.layoutType()), spec.stylesheet()));
        }
        return call("start_archive", () -> archive(sdk.get().startArchive(sessionId, properties.build())));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = OpenTokUnavailableException.class)
    @CircuitBreakerName("opentok.stopArchive")
    public ArchiveInfo stopArchive(String archiveId) {
        return call("stop_archive", () -> archive(sdk.get().stopArchive(archiveId)));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = OpenTokUnavailableException.class)
    @CircuitBreakerName("opentok.getArchive")
    public ArchiveInfo getArchive(String archiveId) {
        return call("get_archive", () -> archive(sdk.get().getArchive(archiveId)));
    }

    /** The session's archives as OpenTok knows them (up to the 1000 newest). */
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = OpenTokUnavailableException.class)
    @CircuitBreakerName("opentok.listArchives")
    public List<ArchiveInfo> listArchives(String sessionId) {
        return call("list_archives", () -> sdk.get().listArchives(sessionId, 0, 1000).stream()
                .map(OpenTokClient::archive).toList());
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = OpenTokUnavailableException.class)
    @CircuitBreakerName("opentok.deleteArchive")
    public void deleteArchive(String archiveId) {
        run("delete_archive", () -> sdk.get().deleteArchive(archiveId));
    }

    @CircuitBreakerName("opentok.setArchiveLayout")
    public void setArchiveLayout(String archiveId, String layoutType, String stylesheet) {
        ArchiveProperties properties = new ArchiveProperties.Builder()
                .layout(new ArchiveLayout(archiveLayoutType(layoutType), stylesheet)).build();
        run("set_archive_layout", () -> sdk.get().setArchiveLayout(archiveId, properties));
    }

    @CircuitBreakerName("opentok.startBroadcast")
    public BroadcastInfo startBroadcast(String sessionId, BroadcastSpec spec) {
        return call("start_broadcast", () -> {
            BroadcastProperties.Builder properties = new BroadcastProperties.Builder()
                    .maxDuration(spec.maxDurationSeconds())
                    .resolution(spec.resolution())
                    .layout(new BroadcastLayout(broadcastLayoutType(spec.layoutType()), spec.stylesheet()));
            if (spec.hls()) {
                properties.hasHls(true).hls(new Hls.Builder().dvr(spec.dvr()).lowLatency(spec.lowLatency()).build());
            }
            for (BroadcastSpec.RtmpTarget target : spec.rtmp()) {
                properties.addRtmpProperties(new RtmpProperties.Builder().id(target.id())
                        .serverUrl(target.serverUrl()).streamName(target.streamName()).build());
            }
            return broadcast(sdk.get().startBroadcast(sessionId, properties.build()));
        });
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = OpenTokUnavailableException.class)
    @CircuitBreakerName("opentok.stopBroadcast")
    public BroadcastInfo stopBroadcast(String broadcastId) {
        return call("stop_broadcast", () -> broadcast(sdk.get().stopBroadcast(broadcastId)));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 4000, retryOn = OpenTokUnavailableException.class)
    @CircuitBreakerName("opentok.getBroadcast")
    public BroadcastInfo getBroadcast(String broadcastId) {
        return call("get_broadcast", () -> broadcast(sdk.get().getBroadcast(broadcastId)));
    }

    @CircuitBreakerName("opentok.setBroadcastLayout")
    public void setBroadcastLayout(String broadcastId, String layoutType, String stylesheet) {
        run("set_broadcast_layout", () -> sdk.get().setBroadcastLayout(broadcastId, new BroadcastProperties.Builder()
                .layout(new BroadcastLayout(broadcastLayoutType(layoutType), stylesheet)).build()));
    }

    private static ArchiveInfo archive(Archive archive) {
        return new ArchiveInfo(archive.getId(), archive.getSessionId(), archive.getName(),
                archive.getStatus() == null ? null : archive.getStatus().toString(),
                archive.getOutputMode() == Archive.OutputMode.INDIVIDUAL, archive.hasAudio(), archive.hasVideo(),
                archive.getResolution(), archive.getStreamMode() == Archive.StreamMode.MANUAL,
                Instant.ofEpochMilli(archive.getCreatedAt()), archive.getDuration(), archive.getSize(),
                emptyToNull(archive.getReason()), emptyToNull(archive.getUrl()));
    }

    private static BroadcastInfo broadcast(Broadcast broadcast) {
        List<BroadcastInfo.RtmpState> rtmp = broadcast.getRtmpList() == null ? List.of()
                : broadcast.getRtmpList().stream()
                        .map(r -> new BroadcastInfo.RtmpState(r.getId(), r.getServerUrl())).toList();
        return new BroadcastInfo(broadcast.getId(), broadcast.getSessionId(), broadcast.getStatus(),
                emptyToNull(broadcast.getHls()), rtmp);
    }

    private static ArchiveLayout.Type archiveLayoutType(String type) {
        for (ArchiveLayout.Type candidate : ArchiveLayout.Type.values()) {
            if (candidate.toString().equals(type)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown layout type " + type);
    }

    private static ArchiveLayout.Type broadcastLayoutType(String type) {
        return archiveLayoutType(type == null ? "bestFit" : type);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private interface SdkAction {
        void run() throws OpenTokException;
    }

    private void run(String operation, SdkAction action) {
        calls.call(operation, () -> {
            action.run();
            return null;
        });
    }

    private <T> T call(String operation, Callable<T> action) {
        return calls.call(operation, action);
    }

}
