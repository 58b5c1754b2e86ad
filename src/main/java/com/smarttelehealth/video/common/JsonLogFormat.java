package com.smarttelehealth.video.common;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Handler;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.jboss.logmanager.handlers.FileHandler;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.smarttelehealth.video.config.VideoCallConfig;

import io.quarkus.runtime.StartupEvent;

/**
 * Switches the log handlers Quarkus configured (console, and file where one is on) to one JSON
 * object per line ({@code videocall.log.json}, on in prod), with the logging context, such as
 * {@code mdc.requestId}, in every line.
 * <p>
 * The {@code quarkus-logging-json} extension is not resolvable for this platform version, and the
 * log manager's own JSON formatter cannot see a JSON-P provider from the boot class path, so the
 * lines are written here with Jackson. Lines written before start-up completes (Flyway, Hibernate
 * boot) stay plain text.
 */
@ApplicationScoped
public class JsonLogFormat {

    void onStart(@Observes @Priority(1) StartupEvent event, VideoCallConfig config) {
        if (config.log().json()) {
            JsonLineFormatter formatter = new JsonLineFormatter();
            for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
                useOnOutputs(handler, formatter);
            }
        }
    }

    private static void useOnOutputs(Handler handler, JsonLineFormatter formatter) {
        if (handler instanceof ConsoleHandler || handler instanceof FileHandler) {
            handler.setFormatter(formatter);
        }
        if (handler instanceof ExtHandler parent) {
            for (Handler child : parent.getHandlers()) {
                useOnOutputs(child, formatter);
            }
        }
    }

    /** {@code {"timestamp","level","logger","thread","message","mdc":{...},"exception"}} and a newline. */
    static final class JsonLineFormatter extends ExtFormatter {

        private static final JsonFactory JSON = new JsonFactory();

        @Override
        public String format(ExtLogRecord record) {
            StringWriter out = new StringWriter(256);
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeStringField("timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
                json.writeStringField("level", record.getLevel().getName());
                json.writeStringField("logger", record.getLoggerName());
                json.writeStringField("thread", record.getThreadName());
                json.writeStringField("message", formatMessage(record));
                Map<String, String> mdc = record.getMdcCopy();
                if (!mdc.isEmpty()) {
                    json.writeObjectFieldStart("mdc");
                    for (Map.Entry<String, String> entry : mdc.entrySet()) {
                        json.writeStringField(entry.getKey(), entry.getValue());
                    }
                    json.writeEndObject();
                }
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    json.writeStringField("exception", trace.toString());
                }
                json.writeEndObject();
            } catch (IOException e) {
                return record.getFormattedMessage() + System.lineSeparator();
            }
            return out.append(System.lineSeparator()).toString();
        }
    }
}
