package com.smarttelehealth.video.analytics;

import java.time.Instant;

import com.smarttelehealth.video.session.SessionStatus;

/** A session's analytics, computed from our own records of the call. */
public record AnalyticsView(String sessionId, SessionStatus status, Instant startedAt, Instant endedAt,
        long durationSeconds, long uniqueParticipants, long totalConnections, long activeConnections,
        long peakConcurrentConnections, long connectedMinutes, long streamsPublished, long screenShares,
        long tokensIssued, Recordings recordings, Broadcasts broadcasts, Quality quality) {

    public record Recordings(long count, long recordedSeconds) {
    }

    public record Broadcasts(long count) {
    }

    public record Quality(long samples, Double avgRoundTripMs, Double avgPacketLossPercent,
            Double worstPacketLossPercent, Double avgVideoBitrateKbps, Double avgAudioBitrateKbps) {
    }
}
