package com.smarttelehealth.video.common;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/**
 * The deployment's one PostgreSQL setting, {@code quarkus.datasource.jdbc.url}, read as connect options for
 * the Vert.x client of {@link ReactivePool}, so that the statements on the I/O thread reach the same database,
 * with the same TLS demands, as JDBC does, and nobody configures a second URL.
 * <p>
 * It understands what PgJDBC does for these: host, port, database, {@code user}, {@code password},
 * {@code sslmode} (PgJDBC's default {@code prefer}), {@code ssl=true}, {@code sslrootcert},
 * {@code ApplicationName}, {@code currentSchema}, {@code options} and {@code connectTimeout}. A setting that
 * changes how TLS authenticates the client ({@code sslcert}, {@code sslkey}, {@code sslfactory}, ...) or a
 * multi-host URL is refused with a message, rather than connecting less safely than JDBC does. Other PgJDBC
 * tuning settings ({@code loginTimeout}, {@code tcpKeepAlive}, ...) do not apply to this client and are listed
 * by {@link #ignored()}.
 */
public final class PostgresUrl {

    private static final String PREFIX = "jdbc:postgresql:";
    private static final int DEFAULT_PORT = 5432;
    private static final int DEFAULT_CONNECT_TIMEOUT_MS = 10_000; // PgJDBC's
    private static final Set<String> UNSUPPORTED_TLS = Set.of("sslcert", "sslkey", "sslpassword",
            "sslpasswordcallback", "sslfactory", "sslfactoryarg", "sslhostnameverifier", "sslnegotiation",
            "sslresponsetimeout");

    private final PgConnectOptions options;
    private final String database;
    private final List<String> ignored;

    private PostgresUrl(PgConnectOptions options, String database, List<String> ignored) {
        this.options = options;
        this.database = database;
        this.ignored = List.copyOf(ignored);
    }

    /**
     * Connect options for this URL, or an {@link IllegalArgumentException} that says what cannot be honoured.
     * The connections announce {@code applicationName} unless the URL names its own.
     */
    public static PostgresUrl parse(String jdbcUrl, String applicationName) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("quarkus.datasource.jdbc.url must start with " + PREFIX);
        }
        String rest = jdbcUrl.substring(PREFIX.length());
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        // PgJDBC's defaults, not the Vert.x client's (user postgres, password "pass", database "db")
        PgConnectOptions options = new PgConnectOptions().setHost("localhost").setPort(DEFAULT_PORT)
                .setConnectTimeout(DEFAULT_CONNECT_TIMEOUT_MS).setUser(System.getProperty("user.name"))
                .setPassword("");
        options.addProperty("application_name", applicationName);
        String database;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String hostPort = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            database = slash < 0 ? "" : rest.substring(slash + 1);
            hostAndPort(hostPort, options);
        } else {
            database = rest;
        }
        String databaseName = database.isEmpty() ? null : decode(database);
        Map<String, String> parameters = parameters(query);
        List<String> ignored = new ArrayList<>();
        SslMode sslMode = SslMode.PREFER;
        if ("true".equalsIgnoreCase(parameters.get("ssl"))) {
            sslMode = SslMode.REQUIRE;
        }
        String rootCert = null;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue();
            switch (name) {
                case "user" -> options.setUser(value);
                case "password" -> options.setPassword(value);
                case "sslmode" -> sslMode = sslMode(value);
                case "ssl" -> {
                    // handled above; sslmode wins when both are given, as in PgJDBC
                }
                case "sslrootcert" -> rootCert = value;
                case "ApplicationName" -> options.addProperty("application_name", value);
                case "currentSchema" -> options.addProperty("search_path", value);
                case "options" -> options.addProperty("options", value);
                case "connectTimeout" -> options.setConnectTimeout(seconds(name, value) * 1000);
                default -> {
                    if (UNSUPPORTED_TLS.contains(name.toLowerCase(Locale.ROOT))) {
                        throw new IllegalArgumentException("quarkus.datasource.jdbc.url sets " + name
                                + ", which the reactive pool cannot honour; give the database's TLS settings"
                                + " as sslmode and sslrootcert");
                    }
                    ignored.add(name);
                }
            }
        }
        tls(options, sslMode, rootCert);
        return new PostgresUrl(options, databaseName, ignored);
    }

    /** The connect options, with the URL's user and password if it has them (no password is an empty one). */
    public PgConnectOptions options() {
        return options(Optional.empty(), Optional.empty());
    }

    /**
     * The connect options with the datasource's {@code username} and {@code password}, which win over the URL's.
     * As with PgJDBC, a URL that names no database means the user's own.
     */
    public PgConnectOptions options(Optional<String> username, Optional<String> password) {
        PgConnectOptions connect = new PgConnectOptions(options);
        username.ifPresent(connect::setUser);
        password.ifPresent(connect::setPassword);
        return connect.setDatabase(database != null ? database : connect.getUser());
    }

    /** Names of the URL's PgJDBC settings that this client has no use for (names only: a value may be secret). */
    public List<String> ignored() {
        return ignored;
    }

    private static void hostAndPort(String hostPort, PgConnectOptions options) {
        if (hostPort.contains(",")) {
            throw new IllegalArgumentException("quarkus.datasource.jdbc.url names several hosts; the reactive pool"
                    + " connects to one (put a service or proxy in front of a cluster)");
        }
        String host = hostPort;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("quarkus.datasource.jdbc.url has an IPv6 host without its ']'");
            }
            host = hostPort.substring(1, close);
            if (hostPort.length() > close + 1 && hostPort.charAt(close + 1) == ':') {
                port = hostPort.substring(close + 2);
            }
        } else if (hostPort.indexOf(':') >= 0) {
            host = hostPort.substring(0, hostPort.indexOf(':'));
            port = hostPort.substring(hostPort.indexOf(':') + 1);
        }
        if (!host.isEmpty()) {
            options.setHost(host);
        }
        if (port != null && !port.isEmpty()) {
            try {
                int number = Integer.parseInt(port);
                if (number < 1 || number > 65535) {
                    throw new NumberFormatException();
                }
                options.setPort(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("quarkus.datasource.jdbc.url has a port that is not 1 to 65535");
            }
        }
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(decode(name), decode(value));
        }
        return parameters;
    }

    private static SslMode sslMode(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "disable" -> SslMode.DISABLE;
            case "allow" -> SslMode.ALLOW;
            case "prefer" -> SslMode.PREFER;
            case "require" -> SslMode.REQUIRE;
            case "verify-ca" -> SslMode.VERIFY_CA;
            case "verify-full" -> SslMode.VERIFY_FULL;
            default -> throw new IllegalArgumentException("quarkus.datasource.jdbc.url has an unknown sslmode");
        };
    }

    /**
     * PgJDBC's meaning of each mode: up to {@code require}, the link is encrypted when it can be but the server's
     * certificate is not checked; {@code verify-ca} checks it against {@code sslrootcert} (PgJDBC's default
     * {@code ~/.postgresql/root.crt}), and {@code verify-full} also checks the host name.
     */
    private static void tls(PgConnectOptions options, SslMode mode, String rootCert) {
        options.setSslMode(mode);
        switch (mode) {
            case DISABLE -> {
            }
            case ALLOW, PREFER, REQUIRE -> options.setTrustAll(true);
            case VERIFY_CA, VERIFY_FULL -> {
                Path certificate = Optional.ofNullable(rootCert).map(Path::of)
                        .orElse(Path.of(System.getProperty("user.home"), ".postgresql", "root.crt"));
                if (!Files.isReadable(certificate)) {
                    throw new IllegalArgumentException("quarkus.datasource.jdbc.url asks for sslmode=" + mode.value
                            + " but the root certificate " + certificate + " cannot be read");
                }
                options.setTrustOptions(new PemTrustOptions().addCertPath(certificate.toString()));
                options.setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
            }
        }
    }

    private static int seconds(String name, String value) {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quarkus.datasource.jdbc.url has a " + name + " that is not a whole"
                    + " number of seconds");
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
