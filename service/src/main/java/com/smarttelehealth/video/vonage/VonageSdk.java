package com.smarttelehealth.video.vonage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.SocketConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

import com.smarttelehealth.video.config.VonageConfig;
import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.video.VideoClient;

/**
 * Holds the one Video API client of the configured Vonage application, built on first use from
 * {@link VonageConfig}, with an HTTP client of our own so that its pool is sized like the bulkheads and closed
 * with the service. Only this package sees it.
 */
@ApplicationScoped
class VonageSdk {

    /** As many pooled connections as calls the bulkheads let through at once. */
    private static final int CONNECTIONS = 64;

    private record Built(VideoClient video, CloseableHttpClient http) {
    }

    private final VonageConfig config;
    private volatile Built built;
    private volatile String problem;
    /** The key's PEM, once read and found usable: the file is read once. Never logged. */
    private volatile String pem;
    private volatile boolean checked;

    VonageSdk(VonageConfig config) {
        this.config = config;
    }

    VideoClient get() {
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
        return current.video();
    }

    /** The application's REST base, for the calls the SDK cannot make. */
    String restBase() {
        return stripTrailingSlash(config.apiUrl()) + "/v2/project/" + applicationId();
    }

    /** The SDK's own authentication of a REST call: a Bearer JWT signed with the application's private key. */
    java.util.Map<String, String> restAuth() {
        String problem = configurationProblem();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        return java.util.Map.of("Authorization", "Bearer " + com.vonage.jwt.Jwt.builder().applicationId(applicationId())
                .privateKeyContents(pem).build().generate());
    }

    java.time.Duration requestTimeout() {
        return config.requestTimeout();
    }

    /** The application id: what the client SDK's {@code OT.initSession} takes. */
    String applicationId() {
        return config.applicationId().map(String::strip).orElse("");
    }

    /**
     * What is wrong with the settings, or null when they are usable. The key file is read once, on the first
     * ask; the answer never shows the key.
     */
    String configurationProblem() {
        if (!checked) {
            synchronized (this) {
                if (!checked) {
                    problem = check();
                    checked = true;
                }
            }
        }
        return problem;
    }

    private String check() {
        String id = applicationId();
        if (id.isEmpty()) {
            return "vonage.application-id (VONAGE_APPLICATION_ID) is not set";
        }
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return "vonage.application-id must be the application's id, a UUID";
        }
        if (config.privateKeyLocation().filter(s -> !s.isBlank()).isEmpty()) {
            return VonagePrivateKey.SETTING + " is not set";
        }
        String key;
        try {
            key = VonagePrivateKey.read(config.privateKeyLocation().get().strip());
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        String url = config.apiUrl();
        if (!(url.startsWith("https://") || url.startsWith("http://"))) {
            return "vonage.api-url must be an http(s) URL";
        }
        pem = key;
        return null;
    }

    private Built build() {
        String problem = configurationProblem();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        int timeout = (int) Math.max(1, config.requestTimeout().toMillis());
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setDefaultMaxPerRoute(CONNECTIONS);
        pool.setMaxTotal(CONNECTIONS);
        pool.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build());
        CloseableHttpClient http = HttpClientBuilder.create()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(timeout)
                        .setConnectionRequestTimeout(timeout).setSocketTimeout(timeout).build())
                .disableRedirectHandling()
                .build();
        VideoClient video = VonageClient.builder()
                .applicationId(applicationId())
                .privateKeyContents(pem.getBytes(StandardCharsets.US_ASCII))
                .httpConfig(HttpConfig.builder().videoBaseUri(stripTrailingSlash(config.apiUrl())).timeoutMillis(timeout).build())
                .httpClient(http)
                .build()
                .getVideoClient();
        return new Built(video, http);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @PreDestroy
    void close() throws IOException {
        Built current = built;
        if (current != null) {
            current.http().close();
        }
    }
}
