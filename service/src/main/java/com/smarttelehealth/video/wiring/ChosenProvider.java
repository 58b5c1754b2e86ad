package com.smarttelehealth.video.wiring;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.config.VideoProviderConfig;
import com.smarttelehealth.video.opentok.OpenTokVideoProvider;
import com.smarttelehealth.video.provider.VideoProvider;
import com.smarttelehealth.video.vonage.VonageVideoProvider;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * The one place that knows both adapters: it gives the service the {@link VideoProvider} that
 * {@code video.provider} names, and in the prod profile refuses to start when that provider's settings are
 * missing or unusable, naming what is wrong (never a secret). The other adapter is never built.
 */
@Singleton
public class ChosenProvider {

    private static final Logger LOG = Logger.getLogger(ChosenProvider.class);

    @Produces
    @Singleton
    VideoProvider provider(VideoProviderConfig config, Instance<OpenTokVideoProvider> openTok,
            Instance<VonageVideoProvider> vonage) {
        return switch (config.provider()) {
            case OPENTOK -> openTok.get();
            case VONAGE -> vonage.get();
        };
    }

    void check(@Observes StartupEvent started, VideoProviderConfig config, VideoProvider provider) {
        String name = config.provider().name().toLowerCase(java.util.Locale.ROOT);
        String problem = provider.configurationProblem();
        if (problem == null) {
            LOG.infof("Video provider: %s", name);
        } else if (LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("video.provider=" + name + " cannot be used: " + problem);
        } else {
            LOG.warnf("Video provider %s is not usable: %s", name, problem);
        }
    }
}
