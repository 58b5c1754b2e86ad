package com.smarttelehealth.video.provider;

import java.util.function.Function;

/**
 * What the video provider answered to one call, in our words. The provider's own exceptions, status codes and
 * messages stay in its adapter; the services decide what each outcome means for the API.
 */
public sealed interface Outcome<T> {

    /** Done: the call's result (for a call with none, {@code null}). */
    record Found<T>(T value) implements Outcome<T> {
    }

    /** The provider does not know the session, connection, stream, archive or broadcast. */
    record NotFound<T>() implements Outcome<T> {
    }

    /** The provider refused it in the call's current state (already recording, not recording, peer-to-peer...). */
    record Conflict<T>() implements Outcome<T> {
    }

    /** The provider answered with an error of its own, or refused our arguments or credentials. */
    record Refused<T>() implements Outcome<T> {
    }

    /**
     * No usable answer now, and worth trying again after {@code retryAfterSeconds}: {@code why} says what happened
     * in words a client may read ("did not answer in time", "answered that it is unavailable").
     */
    record Unavailable<T>(String why, long retryAfterSeconds) implements Outcome<T> {
    }

    static <T> Outcome<T> found(T value) {
        return new Found<>(value);
    }

    default boolean isFound() {
        return this instanceof Found;
    }

    /** The found value through {@code mapping}; any other outcome as it is (it holds no value). */
    @SuppressWarnings("unchecked")
    default <U> Outcome<U> map(Function<T, U> mapping) {
        if (this instanceof Found<T> found) {
            return new Found<>(mapping.apply(found.value()));
        }
        return (Outcome<U>) this;
    }

    /** What {@code next} answers for the found value; any other outcome as it is (it holds no value). */
    @SuppressWarnings("unchecked")
    default <U> Outcome<U> flatMap(Function<T, Outcome<U>> next) {
        if (this instanceof Found<T> found) {
            return next.apply(found.value());
        }
        return (Outcome<U>) this;
    }

    /** The value when found; else what {@code failure} makes of this outcome, thrown. */
    default T orElseThrow(Function<Outcome<T>, ? extends RuntimeException> failure) {
        if (this instanceof Found<T> found) {
            return found.value();
        }
        throw failure.apply(this);
    }
}
