package com.smarttelehealth.video.provider;

import java.util.List;

/**
 * What to broadcast: HLS (optional) and up to five RTMP targets. Stream names are secrets, and so may be the
 * server URLs (a stream key in their path or query): neither is ever printed.
 */
public record BroadcastSpec(boolean hls, boolean dvr, boolean lowLatency, List<RtmpTarget> rtmp, String resolution,
        String layoutType, String stylesheet, int maxDurationSeconds) {

    public record RtmpTarget(String id, String serverUrl, String streamName) {
        @Override
        public String toString() {
            return "RtmpTarget[id=" + id + ", serverUrl=****, streamName=****]";
        }
    }
}
