package com.smarttelehealth.video.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Vonage application this service brokers calls for when {@code video.provider=vonage}:
 * {@code VONAGE_APPLICATION_ID}, {@code VONAGE_PRIVATE_KEY_LOCATION}, {@code VONAGE_API_URL},
 * {@code VONAGE_CALLBACK_SECRET}. No secret has a default; the prod profile refuses to start on Vonage without
 * the application id and a readable RSA private key.
 */
@ConfigMapping(prefix = "vonage")
public interface VonageConfig {

    /** The application id (a UUID), from the Vonage dashboard. */
    Optional<String> applicationId();

    /** The path of the application's private key, PEM (PKCS#8, {@code -----BEGIN PRIVATE KEY-----}). Never logged. */
    Optional<String> privateKeyLocation();

    /** The base URL of the Video API. */
    @WithDefault("https://video.api.vonage.com")
    String apiUrl();

    /** The signature secret of signed callbacks. */
    Optional<String> callbackSecret();

    /** How long one Video API request may take before it counts as unavailable. */
    @WithDefault("5s")
    Duration requestTimeout();
}
