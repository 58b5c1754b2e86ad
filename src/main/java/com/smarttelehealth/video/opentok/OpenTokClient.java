package com.smarttelehealth.video.opentok;

import java.util.List;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

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
import com.opentok.Role;
import com.opentok.SessionProperties;
import com.opentok.SignalProperties;
import com.opentok.TokenOptions;
import com.opentok.exception.OpenTokException;
import com.smarttelehealth.video.common.ApiException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The service's only door to OpenTok. Each call is timed as
 * {@code videocall_opentok_request_seconds{operation,outcome}} and its SDK failures are turned into
 * the service's own {@link ApiException}s by {@link OpenTokFailures}.
 */
@ApplicationScoped
public class OpenTokClient {

    private final OpenTokSdk sdk;
    private final MeterRegistry registry;

    OpenTokClient(OpenTokSdk sdk, MeterRegistry registry) {
        this.sdk = sdk;
        this.registry = registry;
    }

    /** Creates an OpenTok session and answers its id. */
    public String createSession(boolean relayed, boolean archiveAlways) {
        SessionProperties properties = new SessionProperties.Builder()
                .mediaMode(relayed ? MediaMode.RELAYED : MediaMode.ROUTED)
                .archiveMode(archiveAlways ? ArchiveMode.ALWAYS : ArchiveMode.MANUAL)
                .build();
        return call("create_session", () -> sdk.get().createSession(properties).getSessionId());
    }

    /** Signs a client token locally; no network call is made. */
    public String issueToken(TokenSpec spec) {
        return call("generate_token", () -> {
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

    public void forceDisconnect(String sessionId, String connectionId) {
        run("force_disconnect", () -> sdk.get().forceDisconnect(sessionId, connectionId));
    }

    public void muteAll(String sessionId, List<String> excludedStreamIds) {
        MuteAllProperties properties = new MuteAllProperties.Builder()
                .excludedStreamIds(excludedStreamIds == null ? List.of() : excludedStreamIds)
                .build();
        run("mute_all", () -> sdk.get().forceMuteAll(sessionId, properties));
    }

    public void muteStream(String sessionId, String streamId) {
        run("mute_stream", () -> sdk.get().forceMuteStream(sessionId, streamId));
    }

    /** Sends a signal to every client of the session, or to one connection when {@code connectionId} is set. */
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

    public ArchiveInfo stopArchive(String archiveId) {
        return call("stop_archive", () -> archive(sdk.get().stopArchive(archiveId)));
    }

    public ArchiveInfo getArchive(String archiveId) {
        return call("get_archive", () -> archive(sdk.get().getArchive(archiveId)));
    }

    /** The session's archives as OpenTok knows them (up to the 1000 newest). */
    public List<ArchiveInfo> listArchives(String sessionId) {
        return call("list_archives", () -> sdk.get().listArchives(sessionId, 0, 1000).stream()
                .map(OpenTokClient::archive).toList());
    }

    public void deleteArchive(String archiveId) {
        run("delete_archive", () -> sdk.get().deleteArchive(archiveId));
    }

    public void setArchiveLayout(String archiveId, String layoutType, String stylesheet) {
        ArchiveProperties properties = new ArchiveProperties.Builder()
                .layout(new ArchiveLayout(archiveLayoutType(layoutType), stylesheet)).build();
        run("set_archive_layout", () -> sdk.get().setArchiveLayout(archiveId, properties));
    }

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

    public BroadcastInfo stopBroadcast(String broadcastId) {
        return call("stop_broadcast", () -> broadcast(sdk.get().stopBroadcast(broadcastId)));
    }

    public BroadcastInfo getBroadcast(String broadcastId) {
        return call("get_broadcast", () -> broadcast(sdk.get().getBroadcast(broadcastId)));
    }

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

    private interface SdkAction {
        void run() throws OpenTokException;
    }

    private void run(String operation, SdkAction action) {
        call(operation, () -> {
            action.run();
            return null;
        });
    }

    private <T> T call(String operation, Callable<T> action) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            T result = action.call();
            outcome = "success";
            return result;
        } catch (OpenTokException e) {
            ApiException translated = OpenTokFailures.translate(operation, e);
            outcome = OpenTokFailures.outcome(translated);
            throw translated;
        } catch (ApiException e) {
            outcome = OpenTokFailures.outcome(e);
            throw e;
        } catch (RuntimeException e) {
            ApiException translated = OpenTokFailures.translate(operation, e);
            outcome = OpenTokFailures.outcome(translated);
            throw translated;
        } catch (Exception e) {
            throw OpenTokFailures.translate(operation, e);
        } finally {
            sample.stop(Timer.builder("videocall.opentok.request")
                    .description("Time spent in OpenTok calls")
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }
}
