package com.smarttelehealth.video.provider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A call to a REST endpoint of the provider that its SDK lacks (OpenTok's captions; Vonage's captions in a
 * language its SDK's enum does not name), with the JDK's own HTTP client: the same failures as the SDK calls, so
 * that the adapters answer them alike. The adapter gives the URL and its authentication header.
 */
public final class ProviderRest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderRest() {
    }

    /** POSTs {@code body} as JSON (none when null); answers the JSON answer, or a missing node when it had none. */
    public static JsonNode post(String url, Map<String, String> headers, Object body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json");
        headers.forEach(request::header);
        try {
            request.POST(body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A request body could not be written", e);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String why = ProviderFailure.unreachable(e);
            throw new ProviderFailure.Unavailable(why == null ? "broke off its answer" : why, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderFailure.Unavailable("did not answer in time", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return response.body() == null || response.body().isBlank() ? MissingNode.getInstance()
                        : JSON.readTree(response.body());
            } catch (JsonProcessingException e) {
                throw new ProviderFailure.Refused(e);
            }
        }
        throw switch (status) {
            case 404 -> new ProviderFailure(new Outcome.NotFound<>(), null);
            case 409 -> new ProviderFailure(new Outcome.Conflict<>(), null);
            case 429, 502, 503, 504 -> new ProviderFailure.Unavailable("answered that it is unavailable", null);
            default -> new ProviderFailure.Refused(null);
        };
    }
}
