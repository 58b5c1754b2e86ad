package com.smarttelehealth.video.live;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.devsupport.LocalPostgres;
import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.SseStream;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A stream whose reader stops reading: its buffer is bounded, so it is closed once it falls too far behind, while
 * the session's other streams get every event in time. The slow reader is a plain socket with a small receive
 * buffer that reads nothing after the headers, as a stalled phone on a bad network does.
 */
@QuarkusTest
class SlowReaderTest {

    private static final int EVENTS = 12_000;
    private static final Pattern SUBSCRIBERS = Pattern.compile("(?m)^videocall_live_subscribers(?:\\{[^}]*})? ([0-9.]+)$");
    private static final Pattern CLOSED_SLOW = Pattern.compile("(?m)^videocall_live_closed_slow_total(?:\\{[^}]*})? ([0-9.]+)$");

    @Inject
    EventStore events;

    @Test
    void aReaderTooSlowIsClosedAndTheOthersGetEverything() throws Exception {
        String provider = "dr-slow";
        String sessionId = Api.consultation(provider, List.of(), List.of());
        String jwt = TestJwt.token(provider, "provider");
        double before = subscribers();
        double closedBefore = metric(CLOSED_SLOW);

        try (Socket slow = new Socket(); SseStream fast = SseStream.open("/api/videocall/sessions/" + sessionId + "/live", jwt, null)) {
            slow.setReceiveBufferSize(2048);
            slow.connect(new InetSocketAddress("localhost", io.restassured.RestAssured.port), 5000);
            slow.getOutputStream().write(("GET /api/videocall/sessions/" + sessionId + "/live HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\nAuthorization: Bearer " + jwt + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            assertEquals(200, fast.status());
            awaitSubscribers(before + 2, "both streams are open");

            // far more than the stream's buffer and the sockets' buffers hold (on loopback the kernel grows a socket's
            // send buffer to megabytes), in one commit
            long sessionPk = sessionPk(sessionId);
            List<EventStore.Entry> written = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                written.add(events.entry(sessionPk, EventType.STREAM_CREATED, null).stream("slow-reader-stream-" + i)
                        .detail("padding", "x".repeat(400)));
            }
            events.recordAll(written).await().atMost(Duration.ofSeconds(30));

            for (int i = 0; i < EVENTS; i++) {
                assertEquals("slow-reader-stream-" + i, fast.expect().data().path("streamId").asText(),
                        "the stream that reads gets every event, in order, without waiting for the slow one");
            }
            awaitSubscribers(before + 1, "the slow stream is closed, the other stays open");

            // the slow reader now reads what reached it: the stream ends (the server closed it) short of the events
            slow.setSoTimeout(10_000);
            String received = readToEnd(slow.getInputStream());
            long delivered = Pattern.compile("(?m)^event: stream_created$").matcher(received).results().count();
            assertTrue(delivered < EVENTS, "the slow reader was closed before everything: it got " + delivered);
            assertEquals(closedBefore + 1, metric(CLOSED_SLOW), "the close is counted");
        }
        awaitSubscribers(before, "every stream is closed");
    }

    private static String readToEnd(InputStream in) throws Exception {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; (n = in.read(chunk)) >= 0;) {
                read.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the slow stream was not closed: it is still open after " + read.size() + " bytes");
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static long sessionPk(String sessionId) throws Exception {
        try (var database = java.sql.DriverManager.getConnection(LocalPostgres.jdbcUrl());
                var query = database.prepareStatement("select id from video_session where session_id = ?")) {
            query.setString(1, sessionId);
            try (var row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static double subscribers() {
        return metric(SUBSCRIBERS);
    }

    private static double metric(Pattern series) {
        Matcher gauge = series.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return gauge.find() ? Double.parseDouble(gauge.group(1)) : 0;
    }

    private static void awaitSubscribers(double expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        double now;
        while ((now = subscribers()) != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(expected, now, what);
    }
}
