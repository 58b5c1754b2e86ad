package com.smarttelehealth.video.devsupport;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Dev and test only: mounts the OpenTok emulator at {@code /_dev/opentok} and the dev JWT minter at
 * {@code /_dev/jwt}. The prod build has neither.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class DevRoutes {

    public static final String EMULATOR_PATH = "/_dev/opentok";

    void mount(@Observes Router router, Vertx vertx,
            @ConfigProperty(name = "opentok.api-key") String apiKey,
            @ConfigProperty(name = "opentok.api-secret") String apiSecret,
            @ConfigProperty(name = "opentok.api-url") String apiUrl) {
        OpenTokEmulator emulator = new OpenTokEmulator(vertx, apiKey, apiSecret);
        emulator.baseUrl(apiUrl);
        emulator.mount(router, EMULATOR_PATH);

        router.get("/_dev/jwt").handler(ctx -> {
            String subject = ctx.request().getParam("sub");
            String groups = ctx.request().getParam("groups");
            if (subject == null || subject.isBlank() || groups == null || groups.isBlank()) {
                ctx.response().setStatusCode(400).putHeader("Content-Type", "text/plain")
                        .end("Give ?sub=<user id>&groups=<patient|provider|admin|service>[,...]&name=<display name>\n");
                return;
            }
            List<String> groupList = Arrays.stream(groups.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            String token = DevJwt.mint(subject, groupList, ctx.request().getParam("name"), 12 * 3600);
            ctx.response().putHeader("Content-Type", "text/plain").putHeader("Cache-Control", "no-store").end(token);
        });
    }
}
