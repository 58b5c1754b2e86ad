package com.smarttelehealth.video.vonage;

import java.time.Instant;
import java.util.regex.Pattern;

import com.smarttelehealth.video.provider.ArchiveInfo;
import com.smarttelehealth.video.provider.BroadcastInfo;
import com.vonage.client.video.Archive;
import com.vonage.client.video.Broadcast;
import com.vonage.client.video.OutputMode;
import com.vonage.client.video.Resolution;
import com.vonage.client.video.ScreenLayoutType;
import com.vonage.client.video.StreamCompositionLayout;
import com.vonage.client.video.StreamMode;

/** The SDK's models read into ours, and our names into the SDK's. */
final class VonageModels {

    /** The Video API's archive, broadcast, connection and stream ids: canonical UUIDs. */
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private VonageModels() {
    }

    /** Whether {@code id} can be a Video API id at all: the SDK refuses anything else before it calls. */
    static boolean isId(String id) {
        return id != null && UUID.matcher(id).matches();
    }

    static ArchiveInfo archive(Archive archive) {
        return new ArchiveInfo(text(archive.getId()), archive.getSessionId(), archive.getName(), text(archive.getStatus()),
                archive.getOutputMode() == OutputMode.INDIVIDUAL, !Boolean.FALSE.equals(archive.hasAudio()),
                !Boolean.FALSE.equals(archive.hasVideo()), text(archive.getResolution()),
                archive.getStreamMode() == StreamMode.MANUAL,
                archive.getCreatedAtMillis() == null ? null : Instant.ofEpochMilli(archive.getCreatedAtMillis()),
                archive.getDurationSeconds() == null ? 0 : archive.getDurationSeconds(),
                archive.getSize() == null ? 0 : archive.getSize(), emptyToNull(archive.getReason()),
                archive.getUrl() == null ? null : archive.getUrl().toString());
    }

    static BroadcastInfo broadcast(Broadcast broadcast) {
        var urls = broadcast.getBroadcastUrls();
        return new BroadcastInfo(text(broadcast.getId()), broadcast.getSessionId(), text(broadcast.getStatus()),
                urls == null ? null : emptyToNull(text(urls.getHls())));
    }

    static StreamCompositionLayout layout(String type, String stylesheet) {
        if ("custom".equals(type)) {
            return StreamCompositionLayout.customLayout(stylesheet);
        }
        return StreamCompositionLayout.standardLayout(layoutType(type));
    }

    static ScreenLayoutType layoutType(String type) {
        String name = type == null ? "bestFit" : type;
        for (ScreenLayoutType candidate : ScreenLayoutType.values()) {
            if (candidate.toString().equals(name)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown layout type " + name);
    }

    static Resolution resolution(String resolution) {
        for (Resolution candidate : Resolution.values()) {
            if (candidate.toString().equals(resolution)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown resolution " + resolution);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
