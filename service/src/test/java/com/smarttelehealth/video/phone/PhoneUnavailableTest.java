package com.smarttelehealth.video.phone;

import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.support.Api;
import com.smarttelehealth.video.support.Emulator;
import com.smarttelehealth.video.support.TestJwt;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A deployment without a SIP gateway: a dial is 409 phone-unavailable, and nothing reaches the provider. */
@QuarkusTest
@TestProfile(PhoneUnavailableTest.NoGateway.class)
class PhoneUnavailableTest {

    public static class NoGateway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("videocall.sip.uri-template", "");
        }
    }

    @Test
    void withoutAGatewayNoCallIsPlaced() {
        String patient = Api.uniqueId("pat");
        String sessionId = Api.consultation("dr-nophone", List.of(patient), List.of());
        int before = Emulator.requests("/dial").size();
        PhoneCallApiTest.dial(TestJwt.token("dr-nophone", "provider"), sessionId, "+15551234567", patient).then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/phone-unavailable"));
        // who may not dial learns nothing about the deployment either
        PhoneCallApiTest.dial(TestJwt.token("dr-elsewhere", "provider"), sessionId, "+15551234567", patient).then()
                .statusCode(404);
        org.junit.jupiter.api.Assertions.assertEquals(before, Emulator.requests("/dial").size());
    }
}
