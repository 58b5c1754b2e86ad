package com.smarttelehealth.video.session;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Concurrent creates for one consultation give one session: the database's partial unique index decides. */
@QuarkusTest
class ReuseRaceTest {

    @Test
    void concurrentCreatesForOneConsultationGiveOneSession() throws Exception {
        for (int round = 0; round < 3; round++) {
            String consultation = Api.uniqueId("race");
            int callers = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                List<Future<Response>> results = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    String jwt = TestJwt.token("dr-race-" + i, "provider");
                    Callable<Response> create = () -> {
                        start.await();
                        return as(jwt).body(Map.of("name", "Race", "consultationId", consultation)).post(SESSIONS);
                    };
                    results.add(pool.submit(create));
                }
                start.countDown();
                Set<String> ids = new HashSet<>();
                int created = 0;
                for (Future<Response> result : results) {
                    Response response = result.get();
                    int status = response.statusCode();
                    if (status == 201) {
                        created++;
                    } else {
                        assertEquals(200, status, response.asString());
                    }
                    ids.add(response.path("sessionId"));
                }
                assertEquals(1, ids.size(), "every caller got the same session");
                assertEquals(1, created, "exactly one create answered 201");
                as(TestJwt.token("svc", "service")).queryParam("consultationId", consultation).get(SESSIONS).then()
                        .body("total", equalTo(1))
                        .body("items[0].participants.size()", equalTo(callers));
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
