package com.smarttelehealth.video.event;

import static com.smarttelehealth.video.support.Api.SESSIONS;
import static com.smarttelehealth.video.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;

/** The events page: paging, the type filter, totals and who may read it. */
@QuarkusTest
class EventPageTest {

    private final String provider = TestJwt.token("dr-ev", "provider");

    @Test
    void pagesAreOldestFirstWithTheTotalOfTheFilter() {
        String sessionId = Api.consultation("dr-ev", List.of("pat-ev1", "pat-ev2"), List.of("obs-ev"));
        String events = SESSIONS + "/" + sessionId + "/events";
        as(TestJwt.token("pat-ev1", "patient")).body(Map.of()).post(SESSIONS + "/" + sessionId + "/token")
                .then().statusCode(201);

        // session_created, participant_added x4 (provider, two patients, observer), token_issued
        as(provider).get(events).then().statusCode(200)
                .body("total", equalTo(6)).body("page", equalTo(0)).body("size", equalTo(20))
                .body("items.type", contains("session_created", "participant_added", "participant_added",
                        "participant_added", "participant_added", "token_issued"))
                .body("items.sessionId", everyItem(equalTo(sessionId)))
                .body("items[5].actorId", equalTo("pat-ev1"))
                .body("items[5].details.role", equalTo("publisher"))
                .body("items[0].eventId", notNullValue()).body("items[0].occurredAt", notNullValue());
        as(provider).queryParam("page", 1).queryParam("size", 4).get(events).then().statusCode(200)
                .body("total", equalTo(6)).body("page", equalTo(1)).body("size", equalTo(4))
                .body("items.type", contains("participant_added", "token_issued"));
        as(provider).queryParam("page", 7).get(events).then().statusCode(200)
                .body("total", equalTo(6)).body("items", empty());
        as(provider).queryParam("type", "participant_added").queryParam("size", 3).get(events).then().statusCode(200)
                .body("total", equalTo(4)).body("items", hasSize(3));
        as(provider).queryParam("type", "recording_started").get(events).then().statusCode(200)
                .body("total", equalTo(0)).body("items", empty());
    }

    @Test
    void participantsAndOperatorsReadItAndNobodyElseLearnsItExists() {
        String sessionId = Api.consultation("dr-ev", List.of("pat-ev3"), List.of());
        String events = SESSIONS + "/" + sessionId + "/events";
        as(TestJwt.token("pat-ev3", "patient")).get(events).then().statusCode(200).body("total", equalTo(3));
        as(TestJwt.token("ops", "admin")).get(events).then().statusCode(200).body("total", equalTo(3));
        as(TestJwt.token("backend", "service")).get(events).then().statusCode(200).body("total", equalTo(3));
        as(TestJwt.token("pat-other", "patient")).get(events).then().statusCode(404)
                .body("type", equalTo("/problems/not-found"));
        as(TestJwt.token("dr-other", "provider")).get(SESSIONS + "/no-such-session/events").then().statusCode(404)
                .body("type", equalTo("/problems/not-found"));
        as(provider).queryParam("type", "no_such_type").get(events).then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
    }
}
