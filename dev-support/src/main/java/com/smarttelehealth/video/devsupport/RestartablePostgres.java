package com.smarttelehealth.video.devsupport;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL of its own (zonky's binaries, apart from {@link LocalPostgres}) that a test can stop the way a
 * Kubernetes operator stops a primary, a fast shutdown (SIGINT to the postmaster, what {@code pg_ctl stop -m
 * fast} sends; zonky's {@code pg_ctl} will not run as root), and start again on the same port and data: a
 * database failover, as the service sees it. PostgreSQL's own defaults hold otherwise ({@code max_connections}
 * 100, {@code authentication_timeout} 60 s).
 * <p>
 * One per JVM ({@link #shared()}): its whereabouts are kept in system properties, so that a test and the
 * application it runs, which Quarkus loads in class loaders of their own, find the same server.
 */
public final class RestartablePostgres {

    private static final String PREFIX = "smarttelehealth-dev.restartable-pg";

    private final String key;
    private final Path dataDirectory;
    private final int port;
    private final Path postgres;
    private final File log;

    private RestartablePostgres(String key) {
        this.key = key;
        this.dataDirectory = Path.of(System.getProperty(key + ".data"));
        this.port = Integer.parseInt(System.getProperty(key + ".port"));
        this.postgres = Path.of(System.getProperty(key + ".binary"));
        this.log = new File(dataDirectory + ".log");
    }

    /** This JVM's server, started in a data directory of its own on first use. */
    public static RestartablePostgres shared() throws IOException {
        return shared(false);
    }

    /**
     * This JVM's TLS-serving server (a self-signed certificate, made on first use), apart from {@link #shared()}:
     * PostgreSQL's {@code ssl = on}, as every managed PostgreSQL serves, and plain connections still taken.
     */
    public static RestartablePostgres sharedWithTls() throws IOException {
        return shared(true);
    }

    private static synchronized RestartablePostgres shared(boolean tls) throws IOException {
        String key = PREFIX + (tls ? ".tls" : "");
        if (System.getProperty(key + ".pid") == null) {
            Path directory = Files.createTempDirectory("restartable-pg");
            // no fsync, as LocalPostgres: a stop's own checkpoint then costs nothing on a busy test machine, and
            // what is measured is how long the server waits for its clients
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().setDataDirectory(directory)
                    .setCleanDataDirectory(false).setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start();
            // the postmaster is the process that serves this data directory
            ProcessHandle postmaster = ProcessHandle.allProcesses()
                    .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(directory.toString()))
                    .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                    .findFirst().orElseThrow(() -> new IOException("cannot find the embedded PostgreSQL's postmaster"));
            System.setProperty(key + ".binary", postmaster.info().command().orElseThrow());
            if (tls) {
                SelfSignedCertificate.writeTo(directory.resolve("server.crt"), directory.resolve("server.key"));
            }
            requirePasswords(embedded, directory, postmaster, tls);
            System.setProperty(key + ".data", directory.toString());
            System.setProperty(key + ".port", Integer.toString(embedded.getPort()));
            System.setProperty(key + ".pid", Long.toString(postmaster.pid()));
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> ProcessHandle.of(Long.parseLong(System.getProperty(key + ".pid")))
                            .ifPresent(ProcessHandle::destroyForcibly),
                    "restartable-pg-stop"));
        }
        return new RestartablePostgres(key);
    }

    /**
     * Logins over TCP by SCRAM with a password, as a real database asks (zonky trusts every local login): the
     * clients then go through the whole authentication exchange, where a connection can stall.
     */
    private static void requirePasswords(EmbeddedPostgres embedded, Path directory, ProcessHandle postmaster,
            boolean tls) throws IOException {
        try (java.sql.Connection connection = embedded.getPostgresDatabase().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            statement.execute("alter user postgres password 'postgres'");
            if (tls) {
                // kept in postgresql.auto.conf, so that a start after a stop serves TLS too; taken on the reload below
                statement.execute("alter system set ssl = on");
            }
        } catch (java.sql.SQLException e) {
            throw new IOException("could not set the postgres user's password", e);
        }
        Path hba = directory.resolve("pg_hba.conf");
        List<String> rules = new ArrayList<>();
        for (String line : Files.readAllLines(hba)) {
            rules.add(line.startsWith("host") ? line.replaceAll("\\btrust\\b", "scram-sha-256") : line);
        }
        Files.write(hba, rules);
        signal(postmaster, "HUP");
    }

    private ProcessHandle postmaster() {
        return ProcessHandle.of(Long.parseLong(System.getProperty(key + ".pid")))
                .orElseThrow(() -> new IllegalStateException("the restartable PostgreSQL is not running"));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public int port() {
        return port;
    }

    /**
     * A fast shutdown: PostgreSQL ends every session and stops. Answers how long until the postmaster was gone;
     * gives up after {@code limit}, and then stops it at once (SIGQUIT), so that a test never leaves it behind.
     */
    public Duration stopFast(Duration limit) {
        long started = System.nanoTime();
        ProcessHandle postmaster = postmaster();
        signal(postmaster, "INT");
        // polled every 10 ms: ProcessHandle.onExit polls a process that is not this JVM's child about once a second,
        // and the postmaster, not this JVM's child, stays a zombie until its parent reaps it
        long deadline = started + limit.toNanos();
        while (running(postmaster) && System.nanoTime() < deadline) {
            sleep(10);
        }
        long took = System.nanoTime() - started;
        if (postmaster.isAlive()) {
            signal(postmaster, "QUIT");
            postmaster.onExit().join();
        }
        return Duration.ofNanos(took);
    }

    /** Starts it again on the same port and data, and waits until it takes TCP connections. */
    public void startAgain() throws IOException {
        // as zonky starts it: in a user namespace of its own, where root is not root, since PostgreSQL refuses root
        List<String> command = new ArrayList<>(List.of("unshare", "-U", postgres.toString(), "-D",
                dataDirectory.toString(), "-p", Integer.toString(port), "-F", "-c", "timezone=UTC",
                "-c", "fsync=off", "-c", "synchronous_commit=off"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        System.setProperty(key + ".pid", Long.toString(process.pid())); // unshare runs the postmaster in its own process
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("PostgreSQL did not start again: " + Files.readString(log.toPath()));
                }
                sleep(50);
            }
        }
        throw new IOException("PostgreSQL did not take connections within 30 s of its start");
    }

    /** Alive and not a zombie: a process that has exited but is not reaped yet is stopped. */
    private static boolean running(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone
        }
    }

    private static void signal(ProcessHandle postmaster, String name) {
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(postmaster.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("could not signal PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
