package com.smarttelehealth.video.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What the running service publishes at {@code /q/openapi}. */
public final class OpenApi {

    private OpenApi() {
    }

    /** Its operations, as {@code "METHOD /path/{template}"}. */
    public static Set<String> operations() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        Set<String> published = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(method -> Set.of("get", "post", "put", "delete", "patch").contains(method))
                .forEach(method -> published.add(method.toUpperCase() + " " + path)));
        return published;
    }
}
