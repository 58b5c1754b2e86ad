package com.smarttelehealth.video.common.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One SQL statement on the JDBC pool, with named parameters ({@code :name}), for the stores' transactional
 * methods. Inside a JTA transaction ({@code @Transactional}) every statement runs on the transaction's one
 * connection, and commits or rolls back with it; outside one, each statement commits on its own. The connection
 * goes back to the pool as the statement ends (or, in a transaction, as it ends): a read never holds one.
 * A failure arrives as a {@link StoreException} with the driver's cause, so that the error mapper can tell an
 * outage (503) or a bad value (400) from a fault. The token path, the callbacks and the pages use the reactive pool
 * instead ({@link ReactiveStatements}).
 */
@ApplicationScoped
public class Jdbc {

    /** Each statement's text, parsed once: the driver's text with {@code ?}, and the parameters' names in order. */
    private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Statement sql(String sql) {
        Parsed parsed = PARSED.get(sql);
        if (parsed == null) {
            parsed = parse(sql);
            if (PARSED.size() < 10_000) { // statements built from a filter vary a little; anything more is a bug
                PARSED.put(sql, parsed);
            }
        }
        return new Statement(parsed);
    }

    /** Maps the current row of a result. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(Row row) throws SQLException;
    }

    record Parsed(String text, List<String> names, Set<String> named) {

        Parsed(String text, List<String> names) {
            this(text, names, Set.copyOf(names));
        }
    }

    /**
     * Replaces each {@code :name} with {@code ?}, leaving casts ({@code ::type}), quoted text and identifiers, and
     * comments as they are.
     */
    static Parsed parse(String sql) {
        StringBuilder text = new StringBuilder(sql.length());
        List<String> names = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                end = end < 0 ? n : end + 1;
                text.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                text.append(sql, i, end);
                i = end;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                text.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                names.add(sql.substring(i + 1, end));
                text.append('?');
                i = end;
            } else {
                text.append(c);
                i++;
            }
        }
        return new Parsed(text.toString(), List.copyOf(names));
    }

    /** A statement being bound; run it with {@link #list}, {@link #first}, {@link #one}, {@link #update}. */
    public final class Statement {

        private final Parsed parsed;
        private final Map<String, Object> values = new HashMap<>();

        private Statement(Parsed parsed) {
            this.parsed = parsed;
        }

        /**
         * A parameter's value: text, numbers, booleans, a UUID, bytes, an {@link Instant} (a {@code timestamptz}),
         * or an array of {@code Long} or {@code String}; null is SQL's null. Enums are passed as their stored text.
         */
        public Statement bind(String name, Object value) {
            if (!parsed.named().contains(name)) {
                throw new IllegalArgumentException("The statement has no parameter :" + name);
            }
            if (value instanceof Enum<?>) {
                throw new IllegalArgumentException("Pass :" + name + " as the text the schema stores, not an enum");
            }
            values.put(name, value);
            return this;
        }

        public <T> List<T> list(RowMapper<T> mapper) {
            return run((statement) -> {
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> result = new ArrayList<>();
                    Row row = new Row(rows);
                    while (rows.next()) {
                        result.add(mapper.map(row));
                    }
                    return result;
                }
            });
        }

        /** The first row, if any. */
        public <T> Optional<T> first(RowMapper<T> mapper) {
            return run((statement) -> {
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(mapper.map(new Row(rows))) : Optional.empty();
                }
            });
        }

        /** The one row the statement answers (a count, a function's result); none is a fault. */
        public <T> T one(RowMapper<T> mapper) {
            return first(mapper).orElseThrow(() -> new IllegalStateException("No row from: " + parsed.text()));
        }

        /** Whether the statement answers a row. */
        public boolean exists() {
            return first(row -> Boolean.TRUE).isPresent();
        }

        /** Runs a statement that answers no rows; answers how many rows it changed. */
        public int update() {
            return run(PreparedStatement::executeUpdate);
        }

        private <T> T run(Work<T> work) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(parsed.text())) {
                List<String> names = parsed.names();
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get(i);
                    if (!values.containsKey(name)) {
                        throw new IllegalStateException("No value for :" + name);
                    }
                    statement.setObject(i + 1, value(connection, values.get(name)));
                }
                return work.run(statement);
            } catch (SQLException e) {
                throw new StoreException("Database", e);
            }
        }
    }

    private static Object value(Connection connection, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            return Database.timestamp(instant);
        }
        if (value instanceof Long[] longs) {
            return connection.createArrayOf("int8", longs);
        }
        if (value instanceof String[] texts) {
            return connection.createArrayOf("text", texts);
        }
        return value;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /**
     * The current row of a result, read by column name or by position (from 1, for the columns a statement
     * computes); a SQL null reads as null where the type allows it.
     */
    public static final class Row {

        private final ResultSet rows;
        /** What each name read is prefixed with: "" but in a {@link #prefixed} view. */
        private final String prefix;

        Row(ResultSet rows) {
            this(rows, "");
        }

        private Row(ResultSet rows, String prefix) {
            this.rows = rows;
            this.prefix = prefix;
        }

        /**
         * The same row, each name read with {@code prefix} before it: for a statement that answers two tables'
         * columns side by side, so that each table's mapper reads its own ({@code p.id as p_id, ...}).
         */
        public Row prefixed(String prefix) {
            return new Row(rows, this.prefix + prefix);
        }

        public String string(String column) throws SQLException {
            return string(position(column));
        }

        public long longValue(String column) throws SQLException {
            return longValue(position(column));
        }

        public int intValue(String column) throws SQLException {
            return intValue(position(column));
        }

        public Integer nullableInt(String column) throws SQLException {
            return nullableInt(position(column));
        }

        public boolean bool(String column) throws SQLException {
            return bool(position(column));
        }

        public Instant instant(String column) throws SQLException {
            return instant(position(column));
        }

        private int position(String column) throws SQLException {
            return rows.findColumn(prefix + column);
        }

        /** The first column as a number, for counts and single values. */
        public long firstLong() throws SQLException {
            return longValue(1);
        }

        public String firstString() throws SQLException {
            return string(1);
        }

        public String string(int column) throws SQLException {
            return rows.getString(column);
        }

        public long longValue(int column) throws SQLException {
            return rows.getLong(column);
        }

        public int intValue(int column) throws SQLException {
            return rows.getInt(column);
        }

        public Integer nullableInt(int column) throws SQLException {
            int value = rows.getInt(column);
            return rows.wasNull() ? null : value;
        }

        public boolean bool(int column) throws SQLException {
            return rows.getBoolean(column);
        }

        public Instant instant(int column) throws SQLException {
            OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }

        public UUID uuid(int column) throws SQLException {
            return rows.getObject(column, UUID.class);
        }

        public byte[] bytes(int column) throws SQLException {
            return rows.getBytes(column);
        }
    }
}
