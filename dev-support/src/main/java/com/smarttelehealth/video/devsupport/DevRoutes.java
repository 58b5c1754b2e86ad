package com.smarttelehealth.video.devsupport;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Dev and test only: mounts the provider emulator at {@code /_dev/opentok}, speaking the dialect of the configured
 * {@code video.provider} (OpenTok's with the project's key and secret, or Vonage's with the application's id and
 * the public half of its key), and the dev JWT minter at {@code /_dev/jwt}. The prod build has neither.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class DevRoutes {

    public static final String EMULATOR_PATH = "/_dev/opentok";

    void mount(@Observes Router router, Vertx vertx,
            @ConfigProperty(name = "video.provider", defaultValue = "opentok") String provider) {
        Config config = ConfigProvider.getConfig();
        OpenTokEmulator emulator;
        String apiUrl;
        if ("vonage".equalsIgnoreCase(provider.strip())) {
            Path privateKey = Path.of(config.getValue("vonage.private-key-location", String.class));
            emulator = OpenTokEmulator.vonage(vertx, config.getValue("vonage.application-id", String.class),
                    DevVonageApplication.publicKeyOf(privateKey));
            apiUrl = config.getValue("vonage.api-url", String.class);
        } else {
            emulator = new OpenTokEmulator(vertx, config.getValue("opentok.api-key", String.class),
                    config.getValue("opentok.api-secret", String.class));
            apiUrl = config.getValue("opentok.api-url", String.class);
        }
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
