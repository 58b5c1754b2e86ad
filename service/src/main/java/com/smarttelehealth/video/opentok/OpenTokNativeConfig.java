package com.smarttelehealth.video.opentok;

import com.opentok.Archive;
import com.opentok.ArchiveLayout;
import com.opentok.ArchiveList;
import com.opentok.Broadcast;
import com.opentok.CreatedSession;
import com.opentok.Rtmp;
import com.opentok.ScreenShareLayoutType;
import com.opentok.Stream;
import com.opentok.StreamList;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the native image needs for SDK 4.9.0, which ships no native metadata: its Jackson models
 * (read and written by reflection, private setters and creators included; a created session is read as an
 * array, which Jackson makes by reflection too). The HTTP client
 * (async-http-client on Netty) is initialized at run time and its default settings are included as
 * resources; see {@code quarkus.native.*} in application.properties.
 */
@RegisterForReflection(targets = {
        Archive.class, Archive.Status.class, Archive.OutputMode.class, Archive.StreamMode.class,
        ArchiveList.class, ArchiveLayout.class, ArchiveLayout.Type.class, ScreenShareLayoutType.class,
        Broadcast.class, Broadcast.StreamMode.class, Rtmp.class, CreatedSession.class, CreatedSession[].class, Stream.class,
        StreamList.class, com.opentok.Sip.class
}, ignoreNested = false)
final class OpenTokNativeConfig {

    private OpenTokNativeConfig() {
    }
}
