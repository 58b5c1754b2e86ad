package com.smarttelehealth.video.common.security;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * A JWT must name this service in {@code aud}: without {@code mp.jwt.verify.audiences}, smallrye-jwt checks no
 * audience, and a token that the same identity provider issued for another application of the platform would
 * be accepted here. So outside dev and test the service refuses to start without it, naming the setting.
 */
@Singleton
public class JwtAudienceCheck {

    static final String SETTING = "mp.jwt.verify.audiences (MP_JWT_VERIFY_AUDIENCES)";

    void check(@Observes StartupEvent started,
            @ConfigProperty(name = "mp.jwt.verify.audiences") Optional<List<String>> audiences) {
        if (LaunchMode.current() == LaunchMode.NORMAL && !named(audiences)) {
            throw new IllegalStateException(SETTING + " is not set: name the audience that this service's JWTs carry"
                    + " in aud, so that a token issued for another application is refused");
        }
    }

    static boolean named(Optional<List<String>> audiences) {
        return audiences.map(list -> list.stream().anyMatch(a -> a != null && !a.isBlank())).orElse(false);
    }
}
