package com.smarttelehealth.video.opentok;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.opentok.OpenTok;
import com.smarttelehealth.video.config.OpenTokConfig;

/**
 * Holds the one SDK instance, built from {@link OpenTokConfig}, and the token signer made with the same
 * key and secret. Only this package sees them: the rest of the service speaks through the port,
 * {@link com.smarttelehealth.video.provider.VideoProvider}, which {@link OpenTokVideoProvider} implements.
 */
@ApplicationScoped
class OpenTokSdk {

    /** The SDK and the signer, built together on first use from the same key and secret. */
    private record Built(OpenTok sdk, T1Tokens tokens) {
    }

    private final OpenTokConfig config;
    private volatile Built built;

    OpenTokSdk(OpenTokConfig config) {
        this.config = config;
    }

    OpenTok get() {
        return built().sdk();
    }

    /** The token signer for the configured key and secret. */
    T1Tokens tokens() {
        return built().tokens();
    }

    private Built built() {
        Built current = built;
        if (current == null) {
            synchronized (this) {
                current = built;
                if (current == null) {
                    current = build();
                    built = current;
                }
            }
        }
        return current;
    }

    int apiKey() {
        return parseApiKey(config.apiKey().orElse(""));
    }

    /** The project's REST base, for the calls the SDK lacks. */
    String restBase() {
        return stripTrailingSlash(config.apiUrl()) + "/v2/project/" + apiKey();
    }

    /** The SDK's own authentication of a REST call ({@code X-OPENTOK-AUTH}, a short-lived HS256 JWT). */
    java.util.Map<String, String> restAuth() throws com.opentok.exception.OpenTokException {
        String secret = config.apiSecret().orElseThrow(() -> new IllegalStateException("opentok.api-secret is not set"));
        return java.util.Map.of("X-OPENTOK-AUTH", com.opentok.util.TokenGenerator.generateToken(apiKey(), secret));
    }

    java.time.Duration requestTimeout() {
        return config.requestTimeout();
    }

    private Built build() {
        String secret = config.apiSecret().orElseThrow(() -> new IllegalStateException("opentok.api-secret is not set"));
        T1Tokens tokens = new T1Tokens(apiKey(), secret); // first: it holds no threads if the SDK fails
        int timeoutSeconds = (int) Math.max(1, Math.ceil(config.requestTimeout().toMillis() / 1000.0));
        OpenTok sdk = new OpenTok.Builder(apiKey(), secret)
                .apiUrl(stripTrailingSlash(config.apiUrl()))
                .requestTimeout(timeoutSeconds)
                .build();
        return new Built(sdk, tokens);
    }

    /** Tells what is wrong with the configuration, or null when it is usable. Never shows a secret. */
    String configurationProblem() {
        if (config.apiKey().isEmpty() || config.apiKey().get().isBlank()) {
            return "opentok.api-key (OPENTOK_API_KEY) is not set";
        }
        try {
            apiKey();
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        if (config.apiSecret().isEmpty() || config.apiSecret().get().isBlank()) {
            return "opentok.api-secret (OPENTOK_API_SECRET) is not set";
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
        Built current = built;
        if (current != null) {
            current.sdk().close();
        }
    }
}
