package com.smarttelehealth.video.common.persistence;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Operators give one PostgreSQL URL, the JDBC one ({@code quarkus.datasource.jdbc.url}, with {@code .username}
 * and {@code .password}), and every pool of the service takes it from there. So when
 * {@code quarkus.datasource.reactive.url} is not set, it is derived from the JDBC URL, keeping its host, port,
 * database and {@code sslmode} ({@code ssl=true} alone means {@code verify-full}, as for PgJDBC). PgJDBC's
 * {@code prefer} (named, or its default) and {@code allow} become {@code prefer}, which {@link PipelinedPoolCreator}
 * settles at start by asking the server whether it offers TLS: every pool is at least as encrypted as PgJDBC with
 * the same URL. {@code disable}, {@code require}, {@code verify-ca} and {@code verify-full} are kept as named.
 * The user and password come from the datasource's own settings.
 * A multi-host JDBC URL has no reactive equivalent: set {@code quarkus.datasource.reactive.url} for it.
 */
public class ReactiveUrlFromJdbc implements ConfigSourceInterceptor {

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    /** {@code jdbc:postgresql:} then {@code //host[:port]/database} or {@code database}, then {@code ?params}. */
    private static final Pattern JDBC = Pattern.compile(
            "jdbc:postgresql:(?://(?<host>\\[[^\\]]+\\]|[^:/?,]*)(?::(?<port>\\d+))?(?<more>,[^/?]*)?)?/?(?<database>[^?]*)(?:\\?(?<query>.*))?",
            Pattern.CASE_INSENSITIVE);

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null || !REACTIVE_URL.equals(name)) {
            return value;
        }
        ConfigValue jdbc = context.proceed(JDBC_URL);
        if (jdbc == null || jdbc.getValue() == null || jdbc.getValue().isBlank()) {
            return null;
        }
        return jdbc.from().withName(REACTIVE_URL).withValue(reactiveUrl(jdbc.getValue())).build();
    }

    /** The reactive client's URL for a PgJDBC URL. */
    static String reactiveUrl(String jdbcUrl) {
        Matcher url = JDBC.matcher(jdbcUrl.strip());
        if (!url.matches()) {
            throw new IllegalArgumentException(JDBC_URL + " is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        if (url.group("more") != null) {
            throw new IllegalArgumentException(JDBC_URL + " names several hosts; set " + REACTIVE_URL + " as well");
        }
        Map<String, String> parameters = parameters(url.group("query"));
        String host = url.group("host") == null || url.group("host").isEmpty() ? "localhost" : url.group("host");
        String port = url.group("port") == null ? "5432" : url.group("port");
        String sslMode = parameters.get("sslmode");
        if (sslMode == null) {
            sslMode = "true".equalsIgnoreCase(parameters.get("ssl")) ? "verify-full" : "prefer";
        }
        sslMode = sslMode.toLowerCase(Locale.ROOT);
        if (sslMode.equals("allow")) {
            // PgJDBC's allow takes TLS when the server insists on it; prefer asks the server first, which is no less
            sslMode = "prefer";
        }
        return "postgresql://" + host + ":" + port + "/" + url.group("database") + "?sslmode=" + sslMode;
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(pair.substring(0, equals).toLowerCase(Locale.ROOT), pair.substring(equals + 1));
            }
        }
        return parameters;
    }
}
