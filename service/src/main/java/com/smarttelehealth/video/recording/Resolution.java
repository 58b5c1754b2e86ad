package com.smarttelehealth.video.recording;

import java.util.List;

/** The resolutions OpenTok records and broadcasts in. */
public final class Resolution {

    public static final List<String> ALLOWED = List.of("640x480", "480x640", "1280x720", "720x1280", "1920x1080",
            "1080x1920");
    public static final String DEFAULT = "640x480";

    private Resolution() {
    }

    public static boolean isAllowed(String resolution) {
        return ALLOWED.contains(resolution);
    }
}
