package com.smarttelehealth.video.vonage;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

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
import com.vonage.client.video.Archive;
import com.vonage.client.video.ArchiveMode;
import com.vonage.client.video.Broadcast;
import com.vonage.client.video.CreateSessionRequest;
import com.vonage.client.video.Hls;
import com.vonage.client.video.MediaMode;
import com.vonage.client.video.OutputMode;
import com.vonage.client.video.Rtmp;
import com.vonage.client.video.SignalRequest;
import com.vonage.client.video.SipDialRequest;
import com.vonage.client.video.StreamMode;

import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * The Video API calls that must not be repeated blindly: creating a session, an archive or a broadcast, muting,
 * signalling and changing layouts. Guarded as OpenTok's are (the HTTP client's timeouts, a bulkhead, a circuit per
 * operation), never retried. The calls that are safe to repeat are in {@link VonageSafeRequests}.
 */
@ApplicationScoped
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
        failOn = { ProviderFailure.Unavailable.class, ProviderFailure.Refused.class })
@Bulkhead(32)
class VonageRequests implements GuardedProvider.Requests {

    static final List<String> CIRCUITS = List.of(
            "vonage.createSession", "vonage.muteAll", "vonage.muteStream", "vonage.signal",
            "vonage.startArchive", "vonage.setArchiveLayout", "vonage.startBroadcast", "vonage.setBroadcastLayout",
            "vonage.dial", "vonage.playDtmf", "vonage.startCaptions");

    private final VonageSdk sdk;
    private final VonageCalls calls;

    VonageRequests(VonageSdk sdk, VonageCalls calls) {
        this.sdk = sdk;
        this.calls = calls;
    }

    @CircuitBreakerName("vonage.createSession")
    public String createSession(boolean relayed, boolean archiveAlways) {
        CreateSessionRequest request = CreateSessionRequest.builder()
                .mediaMode(relayed ? MediaMode.RELAYED : MediaMode.ROUTED)
                .archiveMode(archiveAlways ? ArchiveMode.ALWAYS : ArchiveMode.MANUAL)
                .build();
        return calls.call("create_session", () -> sdk.get().createSession(request).getSessionId());
    }

    @CircuitBreakerName("vonage.muteAll")
    public void muteAll(String sessionId, List<String> excludedStreamIds) {
        calls.run("mute_all", () -> sdk.get().muteSession(sessionId, true,
                excludedStreamIds == null ? List.of() : excludedStreamIds));
    }

    @CircuitBreakerName("vonage.muteStream")
    public void muteStream(String sessionId, String streamId) {
        calls.run("mute_stream", () -> sdk.get().muteStream(sessionId, streamId));
    }

    @CircuitBreakerName("vonage.signal")
    public void signal(String sessionId, String connectionId, String type, String data) {
        SignalRequest request = SignalRequest.builder().type(type).data(data).build();
        calls.run("signal", () -> {
            if (connectionId == null) {
                sdk.get().signalAll(sessionId, request);
            } else {
                sdk.get().signal(sessionId, connectionId, request);
            }
        });
    }

    @CircuitBreakerName("vonage.startArchive")
    public ArchiveInfo startArchive(String sessionId, ArchiveSpec spec) {
        return calls.call("start_archive", () -> {
            Archive.Builder archive = Archive.builder(sessionId)
                    .name(spec.name())
                    .hasAudio(spec.hasAudio())
                    .hasVideo(spec.hasVideo())
                    .outputMode(spec.individual() ? OutputMode.INDIVIDUAL : OutputMode.COMPOSED)
                    .streamMode(spec.manualStreams() ? StreamMode.MANUAL : StreamMode.AUTO);
            if (spec.resolution() != null) {
                archive.resolution(VonageModels.resolution(spec.resolution()));
            }
            if (spec.layoutType() != null) {
                archive.layout(VonageModels.layout(spec.layoutType(), spec.stylesheet()));
            }
            return VonageModels.archive(sdk.get().createArchive(archive.build()));
        });
    }

    @CircuitBreakerName("vonage.setArchiveLayout")
    public void setArchiveLayout(String archiveId, String layoutType, String stylesheet) {
        calls.run("set_archive_layout",
                () -> sdk.get().updateArchiveLayout(archiveId, VonageModels.layout(layoutType, stylesheet)));
    }

    @CircuitBreakerName("vonage.startBroadcast")
    public BroadcastInfo startBroadcast(String sessionId, BroadcastSpec spec) {
        return calls.call("start_broadcast", () -> {
            Broadcast.Builder broadcast = Broadcast.builder(sessionId)
                    .maxDuration(spec.maxDurationSeconds())
                    .resolution(VonageModels.resolution(spec.resolution()))
                    .layout(VonageModels.layout(spec.layoutType(), spec.stylesheet()));
            if (spec.hls()) {
                broadcast.hls(Hls.builder().dvr(spec.dvr()).lowLatency(spec.lowLatency()).build());
            }
            for (BroadcastSpec.RtmpTarget target : spec.rtmp()) {
                broadcast.addRtmpStream(Rtmp.builder().id(target.id()).serverUrl(target.serverUrl())
                        .streamName(target.streamName()).build());
            }
            return VonageModels.broadcast(sdk.get().createBroadcast(broadcast.build()));
        });
    }

    @CircuitBreakerName("vonage.setBroadcastLayout")
    public void setBroadcastLayout(String broadcastId, String layoutType, String stylesheet) {
        calls.run("set_broadcast_layout",
                () -> sdk.get().updateBroadcastLayout(broadcastId, VonageModels.layout(layoutType, stylesheet)));
    }

    @CircuitBreakerName("vonage.dial")
    public PhoneLeg dial(String sessionId, String token, SipDial dial) {
        SipDialRequest.Builder request = SipDialRequest.builder().sessionId(sessionId).token(token)
                .uri(java.net.URI.create(dial.uri()), false) // true would append ";transport=tls": the template says
                .secure(dial.secure());
        if (dial.from() != null) {
            request.from(dial.from());
        }
        if (dial.username() != null) {
            request.username(dial.username()).password(dial.password());
        }
        SipDialRequest built = (SipDialRequest) request.build();
        return calls.call("dial", () -> {
            var answer = sdk.get().sipDial(built);
            return new PhoneLeg(String.valueOf(answer.getId()), String.valueOf(answer.getConnectionId()),
                    answer.getStreamId() == null ? null : answer.getStreamId().toString());
        });
    }

    @CircuitBreakerName("vonage.playDtmf")
    public void playDtmf(String sessionId, String connectionId, String digits) {
        calls.run("play_dtmf", () -> sdk.get().sendDtmf(sessionId, connectionId, digits));
    }

    /**
     * The SDK's call for a language its enum names; the REST endpoint, with the SDK's own authentication, for one
     * it lacks (es-US in 9.3.1, which the API has).
     */
    @CircuitBreakerName("vonage.startCaptions")
    public String startCaptions(String sessionId, String token, CaptionsSpec spec) {
        com.vonage.client.video.Language language = java.util.Arrays.stream(com.vonage.client.video.Language.values())
                .filter(l -> l.toString().equalsIgnoreCase(spec.languageCode())).findFirst().orElse(null);
        if (language != null) {
            var request = com.vonage.client.video.CaptionsRequest.builder().languageCode(language)
                    .maxDuration(spec.maxDurationSeconds()).partialCaptions(spec.partialCaptions());
            if (spec.statusCallbackUrl() != null) {
                request.statusCallbackUrl(spec.statusCallbackUrl());
            }
            var built = (com.vonage.client.video.CaptionsRequest) request.sessionId(sessionId).token(token).build();
            return calls.call("start_captions", () -> String.valueOf(sdk.get().startCaptions(built).getCaptionsId()));
        }
        return calls.call("start_captions", () -> ProviderRest.post(sdk.restBase() + "/captions", sdk.restAuth(),
                spec.restBody(sessionId, token), sdk.requestTimeout()).path("captionsId").asText());
    }
}
