package com.smarttelehealth.video.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of a Server-Sent Events stream, as a web client reads one with {@code fetch} (an
 * {@code Authorization} header, which {@code EventSource} cannot send): the messages in order, and the
 * comments apart.
 */
public final class SseStream implements AutoCloseable {

    /** One message: {@code id:}, {@code event:}, and {@code data:} read as JSON. */
    public record Message(String id, String event, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Message CLOSED = new Message(null, null, null);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        }
    }

    /** Opens the stream at {@code path} of the service under test, with the JWT and, if given, Last-Event-ID. */
    public static SseStream open(String path, String jwt, String lastEventId) throws IOException, InterruptedException {
        return open("http://localhost:" + io.restassured.RestAssured.port, path, jwt, lastEventId);
    }

    /** Opens the stream at {@code path} of the replica at {@code base}. */
    public static SseStream open(String base, String path, String jwt, String lastEventId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/event-stream").GET();
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The body of a refused stream. */
    public String body() throws IOException {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The next message within {@code timeout}; null when none came; {@link #isClosed} when the stream ended. */
    public Message next(Duration timeout) throws InterruptedException {
        Message message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == CLOSED) {
            messages.add(CLOSED); // stays closed for every later call
        }
        return message;
    }

    /** The next message, which must come within 5 s and must not be the end. */
    public Message expect() throws InterruptedException {
        Message message = next(Duration.ofSeconds(5));
        if (message == null || isClosed(message)) {
            throw new AssertionError("no message came: " + (message == null ? "nothing within 5 s" : "the stream closed"));
        }
        return message;
    }

    /** Messages until one of type {@code event} (inclusive), each within 5 s. */
    public List<Message> until(String event) throws InterruptedException {
        List<Message> read = new ArrayList<>();
        Message message;
        do {
            message = expect();
            read.add(message);
        } while (!event.equals(message.event()));
        return read;
    }

    public static boolean isClosed(Message message) {
        return message == CLOSED;
    }

    public String nextComment(Duration timeout) throws InterruptedException {
        return comments.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0 || event != null) {
                        messages.add(new Message(id, event, data.length() == 0 ? null : JSON.readTree(data.toString())));
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // closed by the test, or by the service
        } finally {
            messages.add(CLOSED);
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
        reader.interrupt();
    }
}
