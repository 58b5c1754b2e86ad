package com.smarttelehealth.video.provider;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * What an adapter's guarded call answered, as an {@link Outcome}: its result, the outcome its
 * {@link ProviderFailure} carries, or what the fault tolerance around it said (an open circuit, a full bulkhead).
 * No SDK or fault-tolerance exception gets past this.
 */
public final class ProviderAnswers {

    /** How long an open circuit stays open before it lets a probe through (the adapters' breakers' {@code delay}). */
    public static final long CIRCUIT_DELAY_SECONDS = 10;

    private ProviderAnswers() {
    }

    public static <T> Outcome<T> answer(Supplier<T> call) {
        try {
            return Outcome.found(call.get());
        } catch (ProviderFailure failure) {
            return failure.outcome();
        } catch (CircuitBreakerOpenException e) {
            return new Outcome.Unavailable<>("is not being called for a few seconds after repeated failures",
                    CIRCUIT_DELAY_SECONDS);
        } catch (BulkheadException e) {
            return new Outcome.Unavailable<>("has too many calls in flight from this server", 1);
        }
    }

    public static Outcome<Void> done(Runnable call) {
        return answer(() -> {
            call.run();
            return null;
        });
    }

    /** Whether any of the named circuits is open. */
    public static boolean anyOpen(CircuitBreakerMaintenance circuits, List<String> names) {
        return names.stream().anyMatch(name -> circuits.currentState(name) == CircuitBreakerState.OPEN);
    }
}
