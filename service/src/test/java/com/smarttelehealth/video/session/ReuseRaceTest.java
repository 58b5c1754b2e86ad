package com.smarttelehealth.video.session;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Concurrent creates for one consultation give one session (the database's partial unique index decides), and
 * the same rule as a single create decides who gets it: the winner, and whoever takes part in it; a provider who
 * lost the race and is not in the session gets 409 and is not added to it.
 */
@QuarkusTest
class ReuseRaceTest {

    @Test
    void concurrentCreatesByDifferentProvidersGiveOneSessionToOneOfThem() throws Exception {
        for (int round = 0; round < 3; round++) {
            String consultation = Api.uniqueId("race");
            List<Response> answers = race(8, i -> TestJwt.token("dr-race-" + i, "provider"), consultation);
            List<Response> created = answers.stream().filter(r -> r.statusCode() == 201).toList();
            assertEquals(1, created.size(), "exactly one create answered 201");
            for (Response answer : answers) {
                if (answer.statusCode() != 201) {
                    assertEquals(409, answer.statusCode(), answer.asString());
                    assertNull(answer.path("sessionId"), "a refusal names no session");
                }
            }
            String winner = created.get(0).path("participants[0].userId");
            as(TestJwt.token("svc", "service")).queryParam("consultationId", consultation).get(SESSIONS).then()
                    .body("total", equalTo(1))
                    .body("items[0].sessionId", equalTo(created.get(0).path("sessionId")))
                    .body("items[0].participants.userId", equalTo(List.of(winner)));
        }
    }

    @Test
    void concurrentCreatesByOneProviderGiveThemOneSession() throws Exception {
        String consultation = Api.uniqueId("race");
        String jwt = TestJwt.token("dr-double-click", "provider");
        List<Response> answers = race(6, i -> jwt, consultation);
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Response answer : answers) {
            if (answer.statusCode() == 201) {
                created++;
            } else {
                assertEquals(200, answer.statusCode(), answer.asString());
            }
            ids.add(answer.path("sessionId"));
        }
        assertEquals(1, ids.size(), "every answer is the same session");
        assertEquals(1, created, "exactly one create answered 201");
    }

    private static List<Response> race(int callers, IntFunction<String> jwt, String consultation) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Response>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String token = jwt.apply(i);
                Callable<Response> create = () -> {
                    start.await();
                    return as(token).body(Map.of("name", "Race", "consultationId", consultation)).post(SESSIONS);
                };
                results.add(pool.submit(create));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> result : results) {
                answers.add(result.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
