package com.smarttelehealth.video.provider;

/**
 * A broadcast as the provider reports it. Its RTMP targets are left out on purpose: their stream names are secrets,
 * and their statuses follow the broadcast callbacks, which carry every change in order.
 */
public record BroadcastInfo(String id, String sessionId, String status, String hlsUrl) {
}
