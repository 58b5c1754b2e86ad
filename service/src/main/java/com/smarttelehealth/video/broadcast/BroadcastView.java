package com.smarttelehealth.video.broadcast;

import java.time.Instant;
import java.util.List;

/** A broadcast as the API shows it: stream names only ever masked. */
public record BroadcastView(String broadcastId, String sessionId, BroadcastStatus status, String hlsUrl,
        List<Broadcast.RtmpTarget> rtmp, String resolution, int maxDurationSeconds, String startedBy, Instant createdAt,
        Instant updatedAt) {

    public static BroadcastView of(Broadcast b, String sessionId) {
        return new BroadcastView(b.broadcastId, sessionId, b.status, b.hlsUrl, b.rtmp, b.resolution,
                b.maxDurationSeconds, b.startedBy, b.createdAt, b.updatedAt);
    }
}
