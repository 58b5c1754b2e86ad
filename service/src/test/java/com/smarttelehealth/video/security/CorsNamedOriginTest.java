package com.smarttelehealth.video.security;

import static com.smarttelehealth.video.security.CorsOffByDefaultTest.CLINIC;
import static com.smarttelehealth.video.security.CorsOffByDefaultTest.STRANGER;
import static com.smarttelehealth.video.security.CorsOffByDefaultTest.preflight;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With CORS turned on for one named origin, that origin is allowed and no other is. */
@QuarkusTest
@TestProfile(CorsNamedOriginTest.NamedOrigin.class)
class CorsNamedOriginTest {

    public static class NamedOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.enabled", "true", "quarkus.http.cors.origins", CLINIC);
        }
    }

    @Test
    void onlyThatOriginIsAllowed() {
        preflight(CLINIC).header("Access-Control-Allow-Origin", equalTo(CLINIC));
        given().header("Origin", CLINIC).get("/api/videocall/health").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(CLINIC));
        preflight(STRANGER).header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", STRANGER).get("/api/videocall/health").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
