package com.smarttelehealth.video.opentok;

import java.util.List;

/** A broadcast as OpenTok reports it. RTMP stream names are left out on purpose. */
public record BroadcastInfo(String id, String sessionId, String status, String hlsUrl, List<RtmpState> rtmp) {

    public record RtmpState(String id, String serverUrl) {
    }
}
