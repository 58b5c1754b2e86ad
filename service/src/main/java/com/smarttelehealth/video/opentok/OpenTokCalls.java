package com.smarttelehealth.video.opentok;

import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Times each SDK call as {@code videocall_opentok_request_seconds{provider,operation,outcome}} and reads its failures. */
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
        } catch (Exception e) {
            OpenTokFailure failure = OpenTokFailures.translate(operation, e);
            outcome = OpenTokFailures.metricOutcome(failure);
            throw failure;
        } finally {
            sample.stop(timer(operation, outcome));
        }
    }

    /** An SDK action with no result. */
    interface SdkAction {
        void run() throws Exception;
    }

    void run(String operation, SdkAction action) {
        call(operation, () -> {
            action.run();
            return null;
        });
    }

    private Timer timer(String operation, String outcome) {
        return timers.computeIfAbsent(operation + '\u0000' + outcome, key -> Timer.builder("videocall.opentok.request")
                .description("Time spent in OpenTok calls")
                .tag("provider", "opentok")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry));
    }
}
