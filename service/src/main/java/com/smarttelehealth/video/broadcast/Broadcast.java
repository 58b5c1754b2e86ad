package com.smarttelehealth.video.broadcast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An OpenTok live broadcast of one of our sessions. Stream names are kept masked only. */
public class Broadcast {

    public Long id;

    public String broadcastId;

    public Long sessionPk;

    public BroadcastStatus status;
    public String hlsUrl;

    public List<RtmpTarget> rtmp = new ArrayList<>();

    public String resolution;
    public int maxDurationSeconds;
    public String layoutType;
    public String layoutStylesheet;
    public String startedBy;
    public Instant createdAt;
    public Instant updatedAt;
    /** Who last asked the provider to stop it, and why: what a report of the stop is credited to (V1.14.0). */
    public String stopAskedBy;
    public String stopReason;

    /** An RTMP output as we keep and show it: its stream name masked. Kept as JSON, read back by Jackson. */
    @RegisterForReflection
    public record RtmpTarget(String id, String serverUrl, String streamName, String status) {
    }

    /** The first four characters followed by {@code ****}; a name of four or fewer shows nothing. */
    public static String mask(String streamName) {
        if (streamName == null || streamName.length() <= 4) {
            return "****";
        }
        return streamName.substring(0, 4) + "****";
    }
}
