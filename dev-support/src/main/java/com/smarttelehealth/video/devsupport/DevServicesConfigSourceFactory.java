package com.smarttelehealth.video.devsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Zero-configuration dev mode and tests: when the dev or test profile is active and no datasource
 * URL is set, this supplies the URL of an embedded PostgreSQL; in dev mode without a JWT key
 * setting, it supplies a dev key pair; on Vonage without a private key setting, it supplies the dev application's
 * key (made under {@code target/dev-vonage}). In the prod profile it supplies nothing; this module is never in
 * the packaged application anyway.
 */
public class DevServicesConfigSourceFactory implements ConfigSourceFactory {

    private static final List<String> LOCAL_PROFILES = List.of("dev", "test");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean dev = profiles.contains("dev");
        if (profiles.stream().noneMatch(LOCAL_PROFILES::contains)) {
            return List.of();
        }
        Map<String, String> properties = new HashMap<>();
        if (!isSet(context, "quarkus.datasource.jdbc.url")) {
            properties.put("quarkus.datasource.jdbc.url", LocalPostgres.jdbcUrl());
            properties.put("quarkus.datasource.username", "postgres");
            properties.put("quarkus.datasource.password", "postgres");
        }
        if (dev && !isSet(context, "mp.jwt.verify.publickey.location") && !isSet(context, "mp.jwt.verify.publickey")) {
            properties.put("mp.jwt.verify.publickey.location", DevJwt.publicKey().toString());
        }
        if (!isSet(context, "vonage.private-key-location")) {
            // made once (a fraction of a second) and kept: the Vonage adapter and the emulator read the same file
            properties.put("vonage.private-key-location", DevVonageApplication.privateKey().toString());
        }
        return List.of(new PropertiesConfigSource(properties, "videocall-dev-services", 150));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(150);
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
