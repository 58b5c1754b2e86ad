package com.smarttelehealth.video.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which video provider this deployment uses ({@code VIDEO_PROVIDER}): one per deployment. */
@ConfigMapping(prefix = "video")
public interface VideoProviderConfig {

    /** {@code opentok} (a legacy project: API key and secret) or {@code vonage} (an application id and its private key). */
    @WithDefault("opentok")
    Provider provider();

    enum Provider {
        OPENTOK,
        VONAGE
    }
}
