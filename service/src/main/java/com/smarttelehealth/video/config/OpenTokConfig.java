package com.smarttelehealth.video.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The OpenTok (Vonage Video) project this service brokers calls for. Environment names follow the
 * usual mapping: {@code OPENTOK_API_KEY}, {@code OPENTOK_API_SECRET}, {@code OPENTOK_API_URL},
 * {@code OPENTOK_CALLBACK_SECRET}. No secret has a default: when {@code video.provider=opentok} (the default), the
 * prod profile refuses to start without the key and the secret.
 */
@ConfigMapping(prefix = "opentok")
public interface OpenTokConfig {

    /** The project API key (a number). */
    Optional<String> apiKey();

    /** The project API secret. Never logged, never returned. */
    Optional<String> apiSecret();

    /** The base URL of the OpenTok REST API. */
    @WithDefault("https://api.opentok.com")
    String apiUrl();

    /** The signature secret of signed ("secure") callbacks. */
    Optional<String> callbackSecret();

    /** How long one OpenTok REST request may take before it counts as unavailable. */
    @WithDefault("5s")
    Duration requestTimeout();
}
