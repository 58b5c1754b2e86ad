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

    private static final String DATA = "smarttelehealth-dev.restartable-pg.data";
    private static final String PORT = "smarttelehealth-dev.restartable-pg.port";
    private static final String BINARY = "smarttelehealth-dev.restartable-pg.binary";
    private static final String PID = "smarttelehealth-dev.restartable-pg.pid";

    private final Path dataDirectory;
    private final int port;
    private final Path postgres;
    private final File log;

    private RestartablePostgres() {
        this.dataDirectory = Path.of(System.getProperty(DATA));
        this.port = Integer.parseInt(System.getProperty(PORT));
        this.postgres = Path.of(System.getProperty(BINARY));
        this.log = new File(dataDirectory + ".log");
    }

    /** This JVM's server, started in a data directory of its own on first use. */
    public static synchronized RestartablePostgres shared() throws IOException {
        if (System.getProperty(PID) == null) {
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
            System.setProperty(BINARY, postmaster.info().command().orElseThrow());
            requirePasswords(embedded, directory, postmaster);
            System.setProperty(DATA, directory.toString());
            System.setProperty(PORT, Integer.toString(embedded.getPort()));
            System.setProperty(PID, Long.toString(postmaster.pid()));
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> ProcessHandle.of(Long.parseLong(System.getProperty(PID))).ifPresent(ProcessHandle::destroyForcibly),
                    "restartable-pg-stop"));
        }
        return new RestartablePostgres();
    }

    /**
     * Logins over TCP by SCRAM with a password, as a real database asks (zonky trusts every local login): the
     * clients then go through the whole authentication exchange, where a connection can stall.
     */
    private static void requirePasswords(EmbeddedPostgres embedded, Path directory, ProcessHandle postmaster)
            throws IOException {
        try (java.sql.Connection connection = embedded.getPostgresDatabase().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            statement.execute("alter user postgres password 'postgres'");
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

    private static ProcessHandle postmaster() {
        return ProcessHandle.of(Long.parseLong(System.getProperty(PID)))
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
        System.setProperty(PID, Long.toString(process.pid())); // unshare runs the postmaster in its own process
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
