package com.smarttelehealth.video.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/** The JDBC URL read as the read pool's connect options: the same database, with the same TLS demands. */
class PostgresUrlTest {

    private static PgConnectOptions options(String url) {
        return PostgresUrl.parse(url, "video-service").options();
    }

    @Test
    void hostPortAndDatabase() {
        PgConnectOptions options = options("jdbc:postgresql://db.internal:6543/video");
        assertEquals("db.internal", options.getHost());
        assertEquals(6543, options.getPort());
        assertEquals("video", options.getDatabase());
        assertEquals("video-service", options.getProperties().get("application_name"));
        assertEquals(10_000, options.getConnectTimeout());
    }

    @Test
    void defaultsAndShortForms() {
        PgConnectOptions bare = options("jdbc:postgresql://db.internal/video");
        assertEquals(5432, bare.getPort());
        PgConnectOptions local = options("jdbc:postgresql:video");
        assertEquals("localhost", local.getHost());
        assertEquals("video", local.getDatabase());
        PgConnectOptions ipv6 = options("jdbc:postgresql://[::1]:5433/video");
        assertEquals("::1", ipv6.getHost());
        assertEquals(5433, ipv6.getPort());
    }

    @Test
    void parametersPgJdbcShares() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db/video?user=app&password=p%40ss%26word"
                + "&ApplicationName=video-east&currentSchema=calls&connectTimeout=4&tcpKeepAlive=true&loginTimeout=3",
                "video-service");
        PgConnectOptions options = url.options();
        assertEquals("app", options.getUser());
        assertEquals("p@ss&word", options.getPassword());
        assertEquals("video-east", options.getProperties().get("application_name"));
        assertEquals("calls", options.getProperties().get("search_path"));
        assertEquals(4_000, options.getConnectTimeout());
        assertEquals(List.of("tcpKeepAlive", "loginTimeout"), url.ignored());
    }

    @Test
    void tlsModesMeanWhatTheyMeanToPgJdbc(@TempDir Path dir) throws Exception {
        PgConnectOptions preferred = options("jdbc:postgresql://db/video");
        assertEquals(SslMode.PREFER, preferred.getSslMode(), "PgJDBC's default");
        assertTrue(preferred.isTrustAll());
        assertEquals(SslMode.DISABLE, options("jdbc:postgresql://db/video?sslmode=disable").getSslMode());
        assertEquals(SslMode.REQUIRE, options("jdbc:postgresql://db/video?ssl=true").getSslMode());
        assertEquals(SslMode.VERIFY_CA, options("jdbc:postgresql://db/video?ssl=true&sslmode=verify-ca&sslrootcert="
                + writeCertificate(dir)).getSslMode(), "sslmode wins over ssl=true");

        PgConnectOptions full = options("jdbc:postgresql://db/video?sslmode=verify-full&sslrootcert="
                + writeCertificate(dir));
        assertEquals(SslMode.VERIFY_FULL, full.getSslMode());
        assertFalse(full.isTrustAll());
        assertEquals("HTTPS", full.getHostnameVerificationAlgorithm());
        assertEquals(List.of(dir.resolve("root.crt").toString()),
                ((PemTrustOptions) full.getTrustOptions()).getCertPaths());
    }

    @Test
    void whatCannotBeHonouredIsRefusedWithAReason(@TempDir Path dir) {
        assertRefused("jdbc:mysql://db/video", "must start with jdbc:postgresql:");
        assertRefused("jdbc:postgresql://a:5432,b:5432/video", "several hosts");
        assertRefused("jdbc:postgresql://db:99999/video", "port");
        assertRefused("jdbc:postgresql://db/video?sslmode=sometimes", "sslmode");
        assertRefused("jdbc:postgresql://db/video?sslcert=/c.pem&sslkey=/k.pk8", "sslcert");
        assertRefused("jdbc:postgresql://db/video?sslmode=verify-full&sslrootcert=" + dir.resolve("absent.crt"),
                "cannot be read");
        assertRefused("jdbc:postgresql://db/video?connectTimeout=soon", "connectTimeout");
    }

    @Test
    void noValueOfTheUrlIsEchoedInARefusal() {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> PostgresUrl.parse("jdbc:postgresql://db/video?password=hunter2&sslkey=hunter3", "video-service"));
        assertFalse(refusal.getMessage().contains("hunter"));
    }

    @Test
    void credentialsAndTheDefaultDatabaseAreJdbcs() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db/?user=fromurl&password=urlsecret", "x");
        PgConnectOptions fromUrl = url.options();
        assertEquals("fromurl", fromUrl.getUser());
        assertEquals("fromurl", fromUrl.getDatabase(), "no database named: the user's own");
        PgConnectOptions configured = url.options(Optional.of("video"), Optional.of("configured"));
        assertEquals("video", configured.getUser());
        assertEquals("configured", configured.getPassword());
        assertEquals("video", configured.getDatabase());
        PgConnectOptions bare = PostgresUrl.parse("jdbc:postgresql://db/calls", "x").options();
        assertEquals("", bare.getPassword(), "no password unless one is configured");
        assertEquals(System.getProperty("user.name"), bare.getUser());
        assertEquals("calls", bare.getDatabase());
    }

    private static void assertRefused(String url, String reason) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> PostgresUrl.parse(url, "video-service"));
        assertTrue(refusal.getMessage().contains(reason), refusal.getMessage());
    }

    private static String writeCertificate(Path dir) throws Exception {
        // only its readability is checked when the options are built; TLS reads it when connecting
        Path certificate = dir.resolve("root.crt");
        Files.writeString(certificate, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        return certificate.toString();
    }
}
