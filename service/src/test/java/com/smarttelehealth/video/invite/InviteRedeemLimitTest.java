package com.smarttelehealth.video.invite;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Guessing codes from one address is slowed to a few tries a minute (3 here, 10 by default), whatever the codes:
 * a right one is refused too once the address has spent its tries.
 */
@QuarkusTest
@TestProfile(InviteRedeemLimitTest.FewTries.class)
class InviteRedeemLimitTest {

    public static class FewTries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("videocall.rate-limit.invite-redeems-per-minute", "3");
        }
    }

    @Test
    void oneAddressGetsAFewTriesAMinute() {
        String sessionId = Api.consultation("dr-limit", List.of(), List.of());
        String code = InviteApiTest.invite(TestJwt.token("dr-limit", "provider"), sessionId, "Interpreter", 600)
                .then().statusCode(201).extract().path("code");
        for (int i = 0; i < 3; i++) {
            InviteApiTest.redeem("0123456789abcdef0123456789abcdef." + "C".repeat(32), "Guesser").then().statusCode(404);
        }
        InviteApiTest.redeem(code, "Guesser").then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("/problems/rate-limited")).header("Retry-After", notNullValue());
    }
}
