package com.smarttelehealth.video.opentok;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import com.opentok.Archive;
import com.opentok.ArchiveLayout;
import com.opentok.ArchiveMode;
import com.opentok.ArchiveProperties;
import com.opentok.BroadcastLayout;
import com.opentok.BroadcastProperties;
import com.opentok.Hls;
import com.opentok.MediaMode;
import com.opentok.MuteAllProperties;
import com.opentok.RtmpProperties;
import com.opentok.SessionProperties;
import com.opentok.SignalProperties;
import com.opentok.SipProperties;
import com.smarttelehealth.video.provider.ArchiveInfo;
import com.smarttelehealth.video.provider.ArchiveSpec;
import com.smarttelehealth.video.provider.BroadcastInfo;
import com.smarttelehealth.video.provider.BroadcastSpec;

import com.smarttelehealth.video.provider.CaptionsSpec;
import com.smarttelehealth.video.provider.GuardedProvider;
import com.smarttelehealth.video.provider.ProviderRest;
import com.smarttelehealth.video.provider.PhoneLeg;
import com.smarttelehealth.video.provider.SipDial;
import com.smarttelehealth.video.provider.ProviderFailure;

import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * The OpenTok calls that must not be repeated blindly: creating a session, an archive or a broadcast, muting,
 * signalling and changing layouts. Guarded like every call (the SDK's request timeout, a bulkhead, a circuit
 * per operation that opens when OpenTok fails and lets a probe through after a delay), but never retried.
 * The calls that are safe to repeat are in {@link OpenTokSafeRequests}.
 */
@ApplicationScoped
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
        failOn = { ProviderFailure.Unavailable.class, ProviderFailure.Refused.class })
@Bulkhead(32)
class OpenTokRequests implements GuardedProvider.Requests {

    /** One circuit per operation (here and in {@link OpenTokSafeRequests}), so that a failing archive API does not stop session creation. */
    static final List<String> CIRCUITS = List.of(
            "opentok.createSession", "opentok.muteAll", "opentok.muteStream", "opentok.signal",
            "opentok.startArchive", "opentok.setArchiveLayout", "opentok.startBroadcast",
            "opentok.setBroadcastLayout", "opentok.dial", "opentok.playDtmf", "opentok.startCaptions");

    private final OpenTokSdk sdk;
    private final OpenTokCalls calls;

    OpenTokRequests(OpenTokSdk sdk, OpenTokCalls calls) {
        this.sdk = sdk;
        this.calls = calls;
    }

    @CircuitBreakerName("opentok.createSession")
    public String createSession(boolean relayed, boolean archiveAlways) {
        SessionProperties properties = new SessionProperties.Builder()
                .mediaMode(relayed ? MediaMode.RELAYED : MediaMode.ROUTED)
                .archiveMode(archiveAlways ? ArchiveMode.ALWAYS : ArchiveMode.MANUAL)
                .build();
        return calls.call("create_session", () -> sdk.get().createSession(properties).getSessionId());
    }

    @CircuitBreakerName("opentok.muteAll")
    public void muteAll(String sessionId, List<String> excludedStreamIds) {
        MuteAllProperties properties = new MuteAllProperties.Builder()
                .excludedStreamIds(excludedStreamIds == null ? List.of() : excludedStreamIds)
                .build();
        calls.run("mute_all", () -> sdk.get().forceMuteAll(sessionId, properties));
    }

    @CircuitBreakerName("opentok.muteStream")
    public void muteStream(String sessionId, String streamId) {
        calls.run("mute_stream", () -> sdk.get().forceMuteStream(sessionId, streamId));
    }

    @CircuitBreakerName("opentok.signal")
    public void signal(String sessionId, String connectionId, String type, String data) {
        SignalProperties properties = new SignalProperties.Builder().type(type).data(data).build();
        calls.run("signal", () -> {
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
            properties.layout(new ArchiveLayout(OpenTokModels.layoutType(spec.layoutType()), spec.stylesheet()));
        }
        return calls.call("start_archive",
                () -> OpenTokModels.archive(sdk.get().startArchive(sessionId, properties.build())));
    }

    @CircuitBreakerName("opentok.setArchiveLayout")
    public void setArchiveLayout(String archiveId, String layoutType, String stylesheet) {
        ArchiveProperties properties = new ArchiveProperties.Builder()
                .layout(new ArchiveLayout(OpenTokModels.layoutType(layoutType), stylesheet)).build();
        calls.run("set_archive_layout", () -> sdk.get().setArchiveLayout(archiveId, properties));
    }

    @CircuitBreakerName("opentok.startBroadcast")
    public BroadcastInfo startBroadcast(String sessionId, BroadcastSpec spec) {
        return calls.call("start_broadcast", () -> {
            BroadcastProperties.Builder properties = new BroadcastProperties.Builder()
                    .maxDuration(spec.maxDurationSeconds())
                    .resolution(spec.resolution())
                    .layout(new BroadcastLayout(OpenTokModels.layoutType(spec.layoutType()), spec.stylesheet()));
            if (spec.hls()) {
                properties.hasHls(true).hls(new Hls.Builder().dvr(spec.dvr()).lowLatency(spec.lowLatency()).build());
            }
            for (BroadcastSpec.RtmpTarget target : spec.rtmp()) {
                properties.addRtmpProperties(new RtmpProperties.Builder().id(target.id())
                        .serverUrl(target.serverUrl()).streamName(target.streamName()).build());
            }
            return OpenTokModels.broadcast(sdk.get().startBroadcast(sessionId, properties.build()));
        });
    }

    @CircuitBreakerName("opentok.setBroadcastLayout")
    public void setBroadcastLayout(String broadcastId, String layoutType, String stylesheet) {
        calls.run("set_broadcast_layout", () -> sdk.get().setBroadcastLayout(broadcastId,
                new BroadcastProperties.Builder()
                        .layout(new BroadcastLayout(OpenTokModels.layoutType(layoutType), stylesheet)).build()));
    }

    @CircuitBreakerName("opentok.dial")
    public PhoneLeg dial(String sessionId, String token, SipDial dial) {
        SipProperties.Builder properties = new SipProperties.Builder().sipUri(dial.uri()).secure(dial.secure());
        if (dial.from() != null) {
            properties.from(dial.from());
        }
        if (dial.username() != null) {
            properties.userName(dial.username()).password(dial.password());
        }
        return calls.call("dial", () -> {
            com.opentok.Sip sip = sdk.get().dial(sessionId, token, properties.build());
            return new PhoneLeg(sip.getId(), sip.getConnectionId(), sip.getStreamId());
        });
    }

    @CircuitBreakerName("opentok.playDtmf")
    public void playDtmf(String sessionId, String connectionId, String digits) {
        calls.run("play_dtmf", () -> sdk.get().playDTMF(sessionId, connectionId, digits));
    }

    /** SDK 4.9.0 has no captions call: the REST endpoint, with the SDK's own authentication. */
    @CircuitBreakerName("opentok.startCaptions")
    public String startCaptions(String sessionId, String token, CaptionsSpec spec) {
        return calls.call("start_captions", () -> ProviderRest.post(sdk.restBase() + "/captions", sdk.restAuth(),
                spec.restBody(sessionId, token), sdk.requestTimeout()).path("captionsId").asText());
    }
}
