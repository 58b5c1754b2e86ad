package com.smarttelehealth.video.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Statements the test ends by hand, so that it decides which items arrive while one is running. */
class BatcherTest {

    /** A statement that answers each item with {@code item * 10} once the test completes it. */
    private static final class Statements {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<List<Integer>>> running = new CopyOnWriteArrayList<>();

        Uni<List<Integer>> run(List<Integer> items) {
            batches.add(items);
            CompletableFuture<List<Integer>> done = new CompletableFuture<>();
            running.add(done);
            return Uni.createFrom().completionStage(done);
        }

        void complete(int index) {
            running.get(index).complete(batches.get(index).stream().map(i -> i * 10).toList());
        }
    }

    private final Statements statements = new Statements();

    private static CompletableFuture<Integer> submit(Batcher<Integer, Integer> batcher, int item) {
        return batcher.submit(item).subscribeAsCompletionStage();
    }

    @Test
    void anItemThatFindsAFreePlaceGoesAloneAtOnce() {
        Batcher<Integer, Integer> batcher = new Batcher<>(statements::run, 128, 1);
        CompletableFuture<Integer> one = submit(batcher, 1);
        assertEquals(List.of(List.of(1)), statements.batches);
        assertFalse(one.isDone());
        statements.complete(0);
        assertEquals(10, one.join());
    }

    @Test
    void itemsThatArriveWhileOneRunsGoTogetherAndEachGetsItsOwnResult() {
        Batcher<Integer, Integer> batcher = new Batcher<>(statements::run, 128, 1);
        CompletableFuture<Integer> first = submit(batcher, 1);
        List<CompletableFuture<Integer>> waiting = List.of(submit(batcher, 2), submit(batcher, 3), submit(batcher, 4));
        assertEquals(1, statements.batches.size(), "nothing else runs while the first statement does");

        statements.complete(0);
        assertEquals(10, first.join());
        assertEquals(List.of(2, 3, 4), statements.batches.get(1));
        assertFalse(waiting.get(0).isDone(), "answered only once their own statement is done");

        statements.complete(1);
        assertEquals(List.of(20, 30, 40), waiting.stream().map(CompletableFuture::join).toList());
    }

    @Test
    void aStatementTakesAtMostMaxItemsAndAtMostMaxInFlightRunAtOnce() {
        Batcher<Integer, Integer> batcher = new Batcher<>(statements::run, 2, 2);
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            results.add(submit(batcher, i));
        }
        assertEquals(List.of(List.of(1), List.of(2)), statements.batches);
        statements.complete(0);
        assertEquals(List.of(3, 4), statements.batches.get(2));
        statements.complete(1);
        assertEquals(List.of(5, 6), statements.batches.get(3));
        statements.complete(2);
        assertEquals(List.of(7), statements.batches.get(4));
        statements.complete(3);
        statements.complete(4);
        assertEquals(List.of(10, 20, 30, 40, 50, 60, 70), results.stream().map(CompletableFuture::join).toList());
        assertEquals(5, statements.batches.size());
    }

    @Test
    void aFailedStatementFailsItsOwnItemsOnlyAndTheNextOneStillRuns() {
        Batcher<Integer, Integer> batcher = new Batcher<>(statements::run, 128, 1);
        CompletableFuture<Integer> first = submit(batcher, 1);
        CompletableFuture<Integer> second = submit(batcher, 2);
        CompletableFuture<Integer> third = submit(batcher, 3);
        IllegalStateException down = new IllegalStateException("database down");
        statements.running.get(0).completeExceptionally(down);

        assertSame(down, assertThrows(CompletionException.class, first::join).getCause());
        assertFalse(second.isDone());
        statements.complete(1);
        assertEquals(20, second.join());
        assertEquals(30, third.join());
    }

    @Test
    void aStatementThatThrowsOrAnswersTheWrongCountFailsItsItems() {
        Batcher<Integer, Integer> throwing = new Batcher<>(items -> {
            throw new IllegalArgumentException("bad statement");
        }, 128, 1);
        assertInstanceOf(IllegalArgumentException.class,
                assertThrows(CompletionException.class, () -> submit(throwing, 1).join()).getCause());
        // the place was given back: the next item runs (and fails) too, rather than waiting for ever
        assertInstanceOf(IllegalArgumentException.class,
                assertThrows(CompletionException.class, () -> submit(throwing, 2).join()).getCause());

        Batcher<Integer, Integer> short_ = new Batcher<>(items -> Uni.createFrom().item(List.of()), 128, 1);
        assertInstanceOf(IllegalStateException.class,
                assertThrows(CompletionException.class, () -> submit(short_, 1).join()).getCause());
    }

    @Test
    void writesCompleteEachItemOnceTheWriteHasCommitted() {
        List<List<String>> written = new ArrayList<>();
        CompletableFuture<Void> commit = new CompletableFuture<>();
        Batcher<String, Void> writes = Batcher.writes(rows -> {
            written.add(rows);
            return Uni.createFrom().completionStage(commit);
        }, 128, 1);
        CompletableFuture<Void> a = writes.submit("a").subscribeAsCompletionStage();
        assertFalse(a.isDone());
        commit.complete(null);
        a.join();
        assertEquals(List.of(List.of("a")), written);
    }

    @Test
    void eachItemIsAnsweredOnTheVertxContextThatSubmittedIt() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Batcher<Integer, Integer> batcher = new Batcher<>(statements::run, 128, 1);
            Context submitter = vertx.getOrCreateContext();
            CompletableFuture<Boolean> onItsContext = new CompletableFuture<>();
            submitter.runOnContext(ignored -> batcher.submit(5).subscribe()
                    .with(value -> onItsContext.complete(vertx.getOrCreateContext() == submitter && value == 50)));
            for (int i = 0; i < 100 && statements.running.isEmpty(); i++) {
                Thread.sleep(10);
            }
            statements.complete(0); // from the test's thread, as a database client's would be another
            assertTrue(onItsContext.get(5, TimeUnit.SECONDS));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }
}
