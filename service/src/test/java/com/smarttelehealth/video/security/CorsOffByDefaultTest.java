package com.smarttelehealth.video.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** CORS is off unless configured: no origin, however plausible, gets an allow header. */
@QuarkusTest
class CorsOffByDefaultTest {

    static final String CLINIC = "https://clinic.example";
    static final String STRANGER = "https://stranger.example";

    static io.restassured.response.ValidatableResponse preflight(String origin) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/videocall/sessions").then();
    }

    @Test
    void noOriginIsAllowed() {
        preflight(CLINIC).header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", CLINIC).get("/api/videocall/health").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
