package com.smarttelehealth.video.common.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/**
 * The reactive pool is at least as encrypted as PgJDBC with the same URL: an unnamed or {@code prefer} sslmode
 * is settled by asking the server, as libpq does, and a named mode is never touched. The servers here answer the
 * SSLRequest as PostgreSQL does; {@code TlsDatabaseTest} runs the same against a real TLS-serving PostgreSQL.
 */
class PipelinedPoolCreatorTlsTest {

    @Test
    void aServerThatOffersTlsIsConnectedToWithTlsOnly() throws Exception {
        try (FakePostgres server = new FakePostgres('S')) {
            PgConnectOptions options = PipelinedPoolCreator.withTls(prefer(server.port()));
            assertEquals(SslMode.REQUIRE, options.getSslMode());
            assertTrue(options.isTrustAll(), "as PgJDBC's prefer: encrypted, the certificate not verified");
            assertArrayEquals(new int[] { 8, 80877103 }, server.request(), "asked with PostgreSQL's SSLRequest");
        }
    }

    @Test
    void aServerThatDeclinesTlsIsConnectedToWithout() throws Exception {
        try (FakePostgres server = new FakePostgres('N')) {
            assertEquals(SslMode.DISABLE, PipelinedPoolCreator.withTls(prefer(server.port())).getSslMode());
        }
    }

    @Test
    void aServerThatCannotBeAskedKeepsTlsWheneverOffered() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertEquals(SslMode.PREFER, PipelinedPoolCreator.withTls(prefer(closed)).getSslMode());
    }

    @Test
    void aNamedModeIsKeptAsNamedAndNothingIsAsked() throws Exception {
        try (FakePostgres server = new FakePostgres('N')) {
            for (SslMode named : new SslMode[] { SslMode.DISABLE, SslMode.REQUIRE, SslMode.VERIFY_CA, SslMode.VERIFY_FULL }) {
                PgConnectOptions options = prefer(server.port()).setSslMode(named);
                assertEquals(named, PipelinedPoolCreator.withTls(options).getSslMode());
                assertFalse(options.isTrustAll(), named + " keeps its own trust");
            }
            assertFalse(server.wasAsked(), "a named mode asks the server nothing");
        }
    }

    private static PgConnectOptions prefer(int port) {
        return new PgConnectOptions().setHost("127.0.0.1").setPort(port).setSslMode(SslMode.PREFER);
    }

    /** Answers one SSLRequest with {@code answer}, as PostgreSQL does, and remembers what it was sent. */
    private static final class FakePostgres implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final CompletableFuture<int[]> request = new CompletableFuture<>();

        FakePostgres(char answer) throws IOException {
            Thread serve = new Thread(() -> {
                try (Socket client = socket.accept()) {
                    DataInputStream in = new DataInputStream(client.getInputStream());
                    request.complete(new int[] { in.readInt(), in.readInt() });
                    client.getOutputStream().write(answer);
                    client.getOutputStream().flush();
                    in.read(); // until the probe closes its end
                } catch (IOException e) {
                    request.completeExceptionally(e);
                }
            }, "fake-postgres");
            serve.setDaemon(true);
            serve.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int[] request() throws Exception {
            return request.get(5, TimeUnit.SECONDS);
        }

        boolean wasAsked() {
            return request.isDone();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
