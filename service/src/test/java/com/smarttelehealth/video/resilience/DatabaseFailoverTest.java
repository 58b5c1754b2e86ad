package com.smarttelehealth.video.resilience;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.devsupport.RestartablePostgres;
import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * A database failover under token load, as a Kubernetes PostgreSQL operator does one: six patients ask for
 * tokens at full rate while PostgreSQL is fast-stopped, stays down for 6 s, and starts again on the same
 * address. The service must let it stop as fast as it does alone, answer every request meanwhile with a 503
 * that says when to come back, serve again within 5 s, keep no more connections than its pools' maxima and
 * none half-closed, log the outage once, and never answer a token whose event it did not write.
 */
@QuarkusTest
@TestProfile(DatabaseFailoverTest.OwnDatabase.class)
class DatabaseFailoverTest {

    private static final int PATIENTS = 6;
    /** The pools' maxima: quarkus.datasource.jdbc.max-size and quarkus.datasource.reactive.max-size. */
    private static final int POOLS = 7 + 4;
    private static final Duration DOWN = Duration.ofSeconds(6);
    private static final Path LOG = Path.of("target/quarkus-test.log");
    /** The PostgreSQL this test stops, found again from the test's class loader (see {@link #database()}). */
    RestartablePostgres postgres;

    /** The PostgreSQL of the profile; {@link DatabaseFailoverOverTlsTest}'s serves TLS. */
    RestartablePostgres database() throws IOException {
        return RestartablePostgres.shared();
    }

    /** The service on a PostgreSQL of its own, which this test stops; the jobs on a one-second timer. */
    public static class OwnDatabase implements QuarkusTestProfile {

        RestartablePostgres database() throws IOException {
            return RestartablePostgres.shared();
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            RestartablePostgres postgres;
            try {
                postgres = database();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            // the JDBC URL names no sslmode: PgJDBC's default, prefer, which each pool must at least match
            return Map.ofEntries(Map.entry("quarkus.datasource.jdbc.url", postgres.jdbcUrl()),
                    Map.entry("quarkus.datasource.username", "postgres"), Map.entry("quarkus.datasource.password", "postgres"),
                    Map.entry("videocall.jobs.interval", "1s"), Map.entry("videocall.cleanup.interval", "1s"),
                    Map.entry("videocall.metrics.active-connections-refresh", "1s"),
                    // the transactions and connections the stop breaks on purpose: the pools' and the transaction
                    // manager's warnings, with their stack traces, would only alarm whoever reads a green run
                    Map.entry("quarkus.log.category.\"io.agroal.pool\".level", "ERROR"),
                    Map.entry("quarkus.log.category.\"com.arjuna.ats.jta\".level", "ERROR"));
        }
    }

    /** One answer of the load: when it was asked and answered, relative to the start, and what it was. */
    private record Answer(long askedMs, long answeredMs, int status, String type, String retryAfter) {
    }

    @Test
    void aFastStopUnderTokenLoadIsQuickClearAndLosesNothing() throws Exception {
        postgres = database(); // the profile's, found again from this class loader
        long logFrom = Files.size(LOG); // this run's lines only: another failover test may have run before
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            patients.add(uniqueId("pat"));
        }
        String sessionId = Api.consultation("dr-failover", patients, List.of());
        String base = "http://localhost:" + RestAssured.port + SESSIONS + "/" + sessionId + "/token";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        long start = System.nanoTime();
        ExecutorService load = Executors.newFixedThreadPool(PATIENTS);
        for (String patient : patients) {
            String jwt = TestJwt.token(patient, "patient");
            load.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + jwt).POST(HttpRequest.BodyPublishers.noBody()).build();
                while (running.get()) {
                    long asked = millisSince(start);
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        answers.add(new Answer(asked, millisSince(start), response.statusCode(), problemType(response.body()),
                                response.headers().firstValue("Retry-After").orElse(null)));
                    } catch (IOException e) {
                        answers.add(new Answer(asked, millisSince(start), -1, e.toString(), null));
                    }
                }
                return null;
            });
        }

        Thread.sleep(3000);
        long stopAsked = millisSince(start);
        Duration stop = postgres.stopFast(Duration.ofSeconds(90));
        Thread.sleep(DOWN.toMillis());
        postgres.startAgain();
        long up = millisSince(start);
        Thread.sleep(8000);
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(60, TimeUnit.SECONDS), "the load's requests all came back");

        List<Answer> all = List.copyOf(answers);
        assertTrue(stop.toMillis() < 2000, "PostgreSQL's fast stop under load took " + stop.toMillis() + " ms");
        List<Answer> wrong = all.stream().filter(a -> a.status() != 201 && !(a.status() == 503
                && "/problems/service-unavailable".equals(a.type()) && a.retryAfter() != null)).toList();
        assertEquals(List.of(), wrong.subList(0, Math.min(5, wrong.size())),
                "during the outage every answer is 503 service-unavailable with Retry-After");
        long slowest = all.stream().mapToLong(a -> a.answeredMs() - a.askedMs()).max().orElse(0);
        assertTrue(slowest < 10_000, "no request hangs: the slowest took " + slowest + " ms");
        assertTrue(all.stream().anyMatch(a -> a.status() == 503 && a.askedMs() > stopAsked), "the outage was seen");
        long firstSuccess = all.stream().filter(a -> a.status() == 201 && a.askedMs() >= up)
                .mapToLong(Answer::answeredMs).min().orElse(Long.MAX_VALUE);
        assertTrue(firstSuccess - up < 5000, "first token " + (firstSuccess - up) + " ms after PostgreSQL was back");

        long issued = all.stream().filter(a -> a.status() == 201).count();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertTrue(serviceConnections() <= POOLS, "connections to PostgreSQL after the failover: "
                    + serviceConnections() + ", the pools hold at most " + POOLS);
            assertEquals(0, halfClosed(), "connections the service left half-closed (CLOSE-WAIT)");
        });
        assertTrue(tokenEvents(sessionId) >= issued, "every answered token has its token_issued event: "
                + tokenEvents(sessionId) + " events for " + issued + " tokens");

        byte[] written = Files.readAllBytes(LOG);
        int from = (int) Math.min(logFrom, written.length);
        String log = new String(written, from, written.length - from, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, count(log, "The background jobs cannot reach the database"), "the jobs warn once");
        assertEquals(1, count(log, "The database is back; the background jobs run again"), "and say once it is back");
        assertEquals(0, count(log, "Result is already complete"), "the reactive pool fails no request twice");
        assertTrue(count(log, "Database unavailable:") <= 2, "the 503s are logged once per 10 s, not once each");
        System.out.printf("failover: stop %d ms, %d answers (%d tokens, %d 503s), first token %d ms after the restart,"
                + " slowest answer %d ms, %d connections after%n", stop.toMillis(), all.size(), issued,
                all.stream().filter(a -> a.status() == 503).count(), firstSuccess - up, slowest, serviceConnections());
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static String problemType(String body) {
        int at = body.indexOf("\"type\":\"");
        return at < 0 ? null : body.substring(at + 8, body.indexOf('"', at + 8));
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres");
    }

    /** The client backends other than this query's own. */
    int serviceConnections() throws SQLException {
        try (Connection connection = connect(); ResultSet rows = connection.createStatement().executeQuery(
                "select count(*) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    long tokenEvents(String sessionId) throws SQLException {
        try (Connection connection = connect(); ResultSet rows = connection.createStatement().executeQuery(
                "select count(*) from session_event e join video_session s on s.id = e.session_pk"
                        + " where e.type = 'token_issued' and s.session_id = '" + sessionId + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** TCP connections to PostgreSQL's port that the other side closed and this side did not (state 08). */
    long halfClosed() throws IOException {
        String port = String.format(":%04X ", postgres.port());
        long count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && (fields[2] + " ").endsWith(port) && fields[3].equals("08")) {
                    count++;
                }
            }
        }
        return count;
    }
}
