package com.smarttelehealth.video.opentok;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.opentok.OpenTok;
import com.smarttelehealth.video.config.OpenTokConfig;

/**
 * Holds the one SDK instance, built from {@link OpenTokConfig}, and the token signer made with the same
 * key and secret. Only this package sees them: the rest of the service speaks through {@link OpenTokClient}
 * and {@link OpenTokTokens}.
 */
@ApplicationScoped
class OpenTokSdk {

    private final OpenTokConfig config;
    private volatile OpenTok sdk;
    private volatile T1Tokens tokens;

    OpenTokSdk(OpenTokConfig config) {
        this.config = config;
    }

    OpenTok get() {
        OpenTok current = sdk;
        if (current == null) {
            synchronized (this) {
                current = sdk;
                if (current == null) {
                    current = build();
                    sdk = current;
                }
            }
        }
        return current;
    }

    /** The token signer for the configured key and secret, built on first use like the SDK. */
    T1Tokens tokens() {
        T1Tokens current = tokens;
        if (current == null) {
            synchronized (this) {
                current = tokens;
                if (current == null) {
                    current = new T1Tokens(apiKey(), config.apiSecret());
                    tokens = current;
                }
            }
        }
        return current;
    }

    int apiKey() {
        return parseApiKey(config.apiKey());
    }

    private OpenTok build() {
        int timeoutSeconds = (int) Math.max(1, Math.ceil(config.requestTimeout().toMillis() / 1000.0));
        return new OpenTok.Builder(apiKey(), config.apiSecret())
                .apiUrl(stripTrailingSlash(config.apiUrl()))
                .requestTimeout(timeoutSeconds)
                .build();
    }

    /** Tells what is wrong with the configuration, or null when it is usable. Never shows a secret. */
    String configurationProblem() {
        try {
            parseApiKey(config.apiKey());
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        if (config.apiSecret().isBlank()) {
            return "opentok.api-secret is empty";
        }
        String url = config.apiUrl();
        if (!(url.startsWith("https://") || url.startsWith("http://"))) {
            return "opentok.api-url must be an http(s) URL";
        }
        return null;
    }

    static int parseApiKey(String apiKey) {
        try {
            return Integer.parseInt(apiKey.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("opentok.api-key must be the numeric project API key");
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @PreDestroy
    void close() {
        OpenTok current = sdk;
        if (current != null) {
            current.close();
        }
    }
}
