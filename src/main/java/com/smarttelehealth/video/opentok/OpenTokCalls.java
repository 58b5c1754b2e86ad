package com.smarttelehealth.video.opentok;

import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.opentok.exception.OpenTokException;
import com.smarttelehealth.video.common.ApiException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Times each SDK call as {@code videocall_opentok_request_seconds{operation,outcome}} and translates its failures. */
@ApplicationScoped
class OpenTokCalls {

    private final MeterRegistry registry;
    /** One timer per operation and outcome, built once: the token path calls this thousands of times a second. */
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    OpenTokCalls(MeterRegistry registry) {
        this.registry = registry;
    }

    <T> T call(String operation, Callable<T> action) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            T result = action.call();
            outcome = "success";
            return result;
        } catch (ApiException e) {
            outcome = OpenTokFailures.outcome(e);
            throw e;
        } catch (OpenTokException | RuntimeException e) {
            ApiException translated = OpenTokFailures.translate(operation, e);
            outcome = OpenTokFailures.outcome(translated);
            throw translated;
        } catch (Exception e) {
            throw OpenTokFailures.translate(operation, e);
        } finally {
            sample.stop(timer(operation, outcome));
        }
    }

    private Timer timer(String operation, String outcome) {
        return timers.computeIfAbsent(operation + '\u0000' + outcome, key -> Timer.builder("videocall.opentok.request")
                .description("Time spent in OpenTok calls")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry));
    }
}
