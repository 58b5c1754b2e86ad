package com.smarttelehealth.video.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;

import com.smarttelehealth.video.devsupport.LocalPostgres;

/**
 * What a wait on the clean-up queue met when it timed out: the session's steps as the database holds them, and
 * the stack of every thread inside the queue at that moment. A wait that times out says why, in the failure
 * itself, so that a failure in CI (whose log is gone) can be read from its report.
 */
public final class CleanupState {

    /** The queue's own classes (ProviderCleanup, CleanupStore), not the tests beside them. */
    private static final String QUEUE = "com.smarttelehealth.video.cleanup.ProviderCleanup";

    private CleanupState() {
    }

    /**
     * Runs the wait; if it times out, fails with the session's steps, the queue's threads and the database's busy
     * backends. The first line names where each of the queue's threads is, since a build's summary shows only it.
     */
    public static void explainTimeout(String sessionId, Runnable wait) {
        try {
            wait.run();
        } catch (ConditionTimeoutException e) {
            String state = of(sessionId);
            System.out.println(state); // the report's output keeps it too
            throw new AssertionError(e.getMessage() + " Queue threads: " + whereThreadsAre() + "\n" + state, e);
        }
    }

    /** The session's steps, the queue's threads and the database's busy backends, now. */
    public static String of(String sessionId) {
        return "clean-up steps of " + sessionId + ":\n" + steps(sessionId) + "threads in the clean-up queue:\n"
                + threads() + "database backends not idle:\n" + backends();
    }

    private static String steps(String sessionId) {
        StringBuilder out = new StringBuilder();
        try (Connection database = DriverManager.getConnection(LocalPostgres.jdbcUrl());
                PreparedStatement query = database.prepareStatement("select c.id, c.kind, c.target_id, c.attempts,"
                        + " c.next_attempt_at, c.leased_until, c.done_at, c.parked_at, c.last_error, now()"
                        + " from provider_cleanup c join video_session s on s.id = c.session_pk"
                        + " where s.session_id = ? order by c.id")) {
            query.setString(1, sessionId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.append("  #").append(rows.getLong(1)).append(' ').append(rows.getString(2)).append(' ')
                            .append(rows.getString(3)).append(" attempts=").append(rows.getInt(4))
                            .append(" next=").append(rows.getTimestamp(5)).append(" leased=").append(rows.getTimestamp(6))
                            .append(" done=").append(rows.getTimestamp(7)).append(" parked=").append(rows.getTimestamp(8))
                            .append(" error=").append(rows.getString(9)).append(" (db now ").append(rows.getTimestamp(10))
                            .append(")\n");
                }
            }
        } catch (Exception e) {
            out.append("  (could not read them: ").append(e).append(")\n");
        }
        return out.isEmpty() ? "  none\n" : out.toString();
    }

    /** One line: each queue thread's name, state, and its frames down to our own code. */
    private static String whereThreadsAre() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> thread : queueThreads().entrySet()) {
            out.append(thread.getKey().getName()).append(' ').append(thread.getKey().getState()).append(" at");
            for (StackTraceElement frame : thread.getValue()) {
                out.append(' ').append(frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1))
                        .append('.').append(frame.getMethodName());
                if (frame.getClassName().startsWith("com.smarttelehealth.")) {
                    break;
                }
                out.append(" <");
            }
            out.append("; ");
        }
        return out.isEmpty() ? "none" : out.toString();
    }

    private static Map<Thread, StackTraceElement[]> queueThreads() {
        Map<Thread, StackTraceElement[]> queue = new java.util.LinkedHashMap<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (Arrays.stream(stack).anyMatch(frame -> frame.getClassName().startsWith(QUEUE))) {
                queue.put(thread, stack);
            }
        });
        return queue;
    }

    private static String backends() {
        StringBuilder out = new StringBuilder();
        try (Connection database = DriverManager.getConnection(LocalPostgres.jdbcUrl());
                ResultSet rows = database.createStatement().executeQuery("select pid, state, wait_event_type,"
                        + " wait_event, xact_start, pg_blocking_pids(pid), left(query, 160) from pg_stat_activity"
                        + " where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'")) {
            while (rows.next()) {
                out.append("  pid ").append(rows.getInt(1)).append(' ').append(rows.getString(2)).append(" waits ")
                        .append(rows.getString(3)).append('/').append(rows.getString(4)).append(" since ")
                        .append(rows.getTimestamp(5)).append(" blocked by ").append(rows.getString(6)).append(": ")
                        .append(rows.getString(7)).append('\n');
            }
        } catch (Exception e) {
            out.append("  (could not read them: ").append(e).append(")\n");
        }
        return out.isEmpty() ? "  none\n" : out.toString();
    }

    private static String threads() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> thread : queueThreads().entrySet()) {
            StackTraceElement[] stack = thread.getValue();
            out.append("  \"").append(thread.getKey().getName()).append("\" ").append(thread.getKey().getState())
                    .append('\n');
            for (int i = 0; i < Math.min(stack.length, 40); i++) {
                out.append("      at ").append(stack[i]).append('\n');
            }
        }
        return out.isEmpty() ? "  none\n" : out.toString();
    }
}
