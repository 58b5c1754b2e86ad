package com.smarttelehealth.video.provider;

import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times each SDK call of one provider as {@code videocall_opentok_request_seconds{provider,operation,outcome}}
 * (the contract's name: "OpenTok" there means the configured provider) and reads its failures with the adapter's
 * {@link #translate}.
 */
public abstract class ProviderCalls {

    private final MeterRegistry registry;
    private final String provider;
    /** One timer per operation and outcome, built once: the token path calls this thousands of times a second. */
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    protected ProviderCalls(MeterRegistry registry, String provider) {
        this.registry = registry;
        this.provider = provider;
    }

    /** What an SDK exception means, as a failure carrying its outcome. Logs what is worth logging, never a secret. */
    protected abstract ProviderFailure translate(String operation, Exception failure);

    public <T> T call(String operation, Callable<T> action) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            T result = action.call();
            outcome = "success";
            return result;
        } catch (Exception e) {
            ProviderFailure failure = e instanceof ProviderFailure known ? known : translate(operation, e);
            outcome = failure.metricOutcome();
            throw failure;
        } finally {
            sample.stop(timer(operation, outcome));
        }
    }

    /** An SDK action with no result. */
    public interface SdkAction {
        void run() throws Exception;
    }

    public void run(String operation, SdkAction action) {
        call(operation, () -> {
            action.run();
            return null;
        });
    }

    private Timer timer(String operation, String outcome) {
        return timers.computeIfAbsent(operation + '\u0000' + outcome, key -> Timer.builder("videocall.opentok.request")
                .description("Time spent in calls to the video provider")
                .tag("provider", provider)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry));
    }
}
