package com.smarttelehealth.video.opentok;

import java.time.Instant;

import com.opentok.Archive;
import com.opentok.ArchiveLayout;
import com.opentok.Broadcast;
import com.smarttelehealth.video.provider.ArchiveInfo;
import com.smarttelehealth.video.provider.BroadcastInfo;

/** The SDK's models read into ours, and our layout names into the SDK's. */
final class OpenTokModels {

    private OpenTokModels() {
    }

    static ArchiveInfo archive(Archive archive) {
        return new ArchiveInfo(archive.getId(), archive.getSessionId(), archive.getName(),
                archive.getStatus() == null ? null : archive.getStatus().toString(),
                archive.getOutputMode() == Archive.OutputMode.INDIVIDUAL, archive.hasAudio(), archive.hasVideo(),
                archive.getResolution(), archive.getStreamMode() == Archive.StreamMode.MANUAL,
                Instant.ofEpochMilli(archive.getCreatedAt()), archive.getDuration(), archive.getSize(),
                emptyToNull(archive.getReason()), emptyToNull(archive.getUrl()));
    }

    static BroadcastInfo broadcast(Broadcast broadcast) {
        return new BroadcastInfo(broadcast.getId(), broadcast.getSessionId(), broadcast.getStatus(),
                emptyToNull(broadcast.getHls()));
    }

    static ArchiveLayout.Type layoutType(String type) {
        String name = type == null ? "bestFit" : type;
        for (ArchiveLayout.Type candidate : ArchiveLayout.Type.values()) {
            if (candidate.toString().equals(name)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown layout type " + name);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
