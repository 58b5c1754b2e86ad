package com.smarttelehealth.video.callback;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The callbacks the provider posts (OpenTok and Vonage alike), in our own names, bound from the shapes Vonage
 * documents. Unknown fields are ignored; a field of the wrong type makes the body malformed.
 */
public final class ProviderCallback {

    private ProviderCallback() {
    }

    /**
     * Session monitoring: connectionCreated/Destroyed, streamCreated/Destroyed, session events, and a SIP call's
     * callCreated/Updated/Destroyed.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Monitoring(String sessionId, String projectId, String event, Long timestamp, Connection connection,
            Stream stream, String reason, Call call) {
    }

    /** A SIP call: its id, its connection, and how far it got ({@code state}, on callUpdated). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Call(String id, String connectionId, String state, String reason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Connection(String id, Long createdAt, String data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stream(String id, Connection connection, Long createdAt, String name, String videoType) {
    }

    /** Archive status: {@code event} is "archive". */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ArchiveStatus(String id, String event, Long createdAt, Long duration, String name, Object partnerId,
            String reason, String resolution, String sessionId, Long size, String status, String streamMode,
            String outputMode, Boolean hasAudio, Boolean hasVideo, String url) {
    }

    /** Broadcast status: the broadcast object. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BroadcastStatus(String id, String event, String sessionId, Object projectId, Long createdAt,
            Long updatedAt, String status, String resolution, Integer maxDuration, BroadcastUrls broadcastUrls) {
    }

    /** Where a broadcast goes: its RTMP targets, each with its status ({@code connecting}, {@code live}...). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BroadcastUrls(String hls, java.util.List<RtmpTarget> rtmp) {
    }

    /** An RTMP target as a callback reports it; its stream name is not read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RtmpTarget(String id, String serverUrl, String status) {
    }
}
