package com.smarttelehealth.video.common.persistence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs the same statement for many concurrent requests as one statement over all their items: while
 * {@code maxInFlight} statements are running, the items that arrive wait, and go together as the next one. An
 * item that finds a free place goes at once, alone, so a quiet service adds no delay; under load each statement,
 * round trip and commit serves many requests. On this path's 2-core replica a statement per request made
 * PostgreSQL's per-statement work and the round trips the limit (bench/HISTORY.md, "What the profiles showed").
 * <p>
 * An item's {@link Uni} completes with its own result once the statement has completed (for a write, once it
 * has committed), and fails with it, on the Vert.x context that submitted it: nothing is answered before it is
 * stored. A statement fails as a whole, so its items must be ones that cannot fail alone (a write built from
 * rows just read, a read by key), so that a failure is the database's, not an item's.
 */
public final class Batcher<I, O> {

    private final Function<List<I>, Uni<List<O>>> statement;
    private final int maxItems;
    private final int maxInFlight;
    private final ArrayDeque<Waiter<I, O>> waiting = new ArrayDeque<>();
    private int inFlight;

    /**
     * {@code statement} answers the items it is given with one result each, in their order; at most
     * {@code maxItems} go together, and at most {@code maxInFlight} statements run at once.
     */
    public Batcher(Function<List<I>, Uni<List<O>>> statement, int maxItems, int maxInFlight) {
        if (maxItems < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxItems and maxInFlight must be at least 1");
        }
        this.statement = statement;
        this.maxItems = maxItems;
        this.maxInFlight = maxInFlight;
    }

    /** For a write with no result per item: each item's {@link Uni} completes once the write has committed. */
    public static <I> Batcher<I, Void> writes(Function<List<I>, Uni<Void>> write, int maxItems, int maxInFlight) {
        return new Batcher<>(items -> write.apply(items).map(done -> Collections.nCopies(items.size(), null)),
                maxItems, maxInFlight);
    }

    /** Completes with this item's result, from the statement it shares with the items that waited with it. */
    public Uni<O> submit(I item) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter<I, O> waiter = new Waiter<>(item, emitter, Vertx.currentContext());
            List<Waiter<I, O>> batch;
            synchronized (this) {
                waiting.add(waiter);
                batch = takeBatch();
            }
            if (batch != null) {
                run(batch);
            }
        });
    }

    /** The next statement's items, when one may start; the caller holds the lock. */
    private List<Waiter<I, O>> takeBatch() {
        if (waiting.isEmpty() || inFlight >= maxInFlight) {
            return null;
        }
        inFlight++;
        List<Waiter<I, O>> batch = new ArrayList<>(Math.min(waiting.size(), maxItems));
        while (!waiting.isEmpty() && batch.size() < maxItems) {
            batch.add(waiting.poll());
        }
        return batch;
    }

    private void run(List<Waiter<I, O>> batch) {
        Uni<List<O>> results;
        try {
            results = statement.apply(batch.stream().map(Waiter::item).toList());
        } catch (RuntimeException e) {
            results = Uni.createFrom().failure(e);
        }
        results.subscribe().with(values -> {
            next();
            if (values.size() != batch.size()) {
                IllegalStateException wrong = new IllegalStateException(
                        "The statement answered " + values.size() + " results for " + batch.size() + " items");
                batch.forEach(waiter -> waiter.fail(wrong));
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(values.get(i));
            }
        }, failure -> {
            next();
            batch.forEach(waiter -> waiter.fail(failure));
        });
    }

    /** A statement has ended: its place goes to the items that waited, if any. */
    private void next() {
        List<Waiter<I, O>> batch;
        synchronized (this) {
            inFlight--;
            batch = takeBatch();
        }
        if (batch != null) {
            run(batch);
        }
    }

    private record Waiter<I, O>(I item, UniEmitter<? super O> emitter, Context context) {

        void complete(O value) {
            onOwnContext(() -> emitter.complete(value));
        }

        void fail(Throwable failure) {
            onOwnContext(() -> emitter.fail(failure));
        }

        private void onOwnContext(Runnable action) {
            if (context == null || context == Vertx.currentContext()) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }
}
