package com.smarttelehealth.video.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/** The one database URL operators give (PgJDBC's) read as the reactive client's, as the client itself parses it. */
class ReactiveUrlFromJdbcTest {

    @Test
    void keepsHostPortDatabaseAndSslMode() {
        PgConnectOptions options = parse("jdbc:postgresql://db.internal:6432/video?sslmode=verify-full&user=app");
        assertEquals("db.internal", options.getHost());
        assertEquals(6432, options.getPort());
        assertEquals("video", options.getDatabase());
        assertEquals(SslMode.VERIFY_FULL, options.getSslMode());
    }

    @Test
    void takesPgJdbcsDefaults() {
        PgConnectOptions options = parse("jdbc:postgresql://db/video");
        assertEquals(5432, options.getPort());
        // PgJDBC's default prefer takes TLS whenever the server offers it: left as prefer here, for the pool creator
        // to settle by asking the server (PipelinedPoolCreatorTlsTest); never a silent disable
        assertEquals(SslMode.PREFER, options.getSslMode());
        assertEquals(SslMode.PREFER, parse("jdbc:postgresql://db/video?sslmode=prefer").getSslMode());
        assertEquals(SslMode.PREFER, parse("jdbc:postgresql://db/video?sslmode=allow").getSslMode());
        assertEquals(SslMode.DISABLE, parse("jdbc:postgresql://db/video?sslmode=disable").getSslMode());
        assertEquals("localhost", parse("jdbc:postgresql:video").getHost());
        assertEquals("video", parse("jdbc:postgresql:video").getDatabase());
        assertEquals(SslMode.VERIFY_FULL, parse("jdbc:postgresql://db/video?ssl=true").getSslMode());
        assertEquals(SslMode.REQUIRE, parse("jdbc:postgresql://db/video?ssl=true&sslmode=require").getSslMode());
        assertEquals("::1", parse("jdbc:postgresql://[::1]:5433/video").getHost().replaceAll("[\\[\\]]", ""));
    }

    @Test
    void neverCarriesCredentialsOrOtherSettings() {
        String url = ReactiveUrlFromJdbc.reactiveUrl(
                "jdbc:postgresql://db:5432/video?user=app&password=s3cret&ApplicationName=x&sslmode=disable");
        assertFalse(url.contains("s3cret"), url);
        assertFalse(url.contains("user"), url);
        assertTrue(url.endsWith("?sslmode=disable"), url);
    }

    @Test
    void refusesWhatItCannotKeep() {
        IllegalArgumentException several = assertThrows(IllegalArgumentException.class,
                () -> ReactiveUrlFromJdbc.reactiveUrl("jdbc:postgresql://a:5432,b:5432/video"));
        assertTrue(several.getMessage().contains("quarkus.datasource.reactive.url"), several.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> ReactiveUrlFromJdbc.reactiveUrl("jdbc:mysql://db/video?password=s3cret"));
        assertFalse(other.getMessage().contains("s3cret"), "the URL may hold a password: never echoed");
    }

    private static PgConnectOptions parse(String jdbcUrl) {
        return PgConnectOptions.fromUri(ReactiveUrlFromJdbc.reactiveUrl(jdbcUrl));
    }
}
