package com.smarttelehealth.video.provider;

import java.util.List;

/** A broadcast as the provider reports it. RTMP stream names are left out on purpose; a target's status is the provider's word ({@code connecting}, {@code live}, {@code offline}...), null when unsaid. */
public record BroadcastInfo(String id, String sessionId, String status, String hlsUrl, List<RtmpState> rtmp) {

    public record RtmpState(String id, String serverUrl, String status) {
    }
}
