package com.smarttelehealth.video.support;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/** Mints the JWTs tests call with, signed by the test key pair in {@code src/test/resources/jwt}. */
public final class TestJwt {

    public static final String ISSUER = "https://test.smarttelehealth.local/";
    /** This service's audience, as {@code %test.mp.jwt.verify.audiences}. */
    public static final String AUDIENCE = "smarttelehealth-video";

    private TestJwt() {
    }

    public static String token(String subject, String... groups) {
        return sign(claims(subject, groups).claim("name", "Test " + subject), "jwt/privateKey.pem");
    }

    public static String named(String subject, String name, String... groups) {
        return sign(claims(subject, groups).claim("name", name), "jwt/privateKey.pem");
    }

    public static String expired(String subject, String... groups) {
        return sign(Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(new HashSet<>(Arrays.asList(groups)))
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)),
                "jwt/privateKey.pem");
    }

    public static String foreignIssuer(String subject, String... groups) {
        return sign(Jwt.issuer("https://someone-else.example/").audience(AUDIENCE).subject(subject)
                .groups(new HashSet<>(Arrays.asList(groups))).expiresIn(600), "jwt/privateKey.pem");
    }

    /** Signed by our identity provider for another application of the platform: its {@code aud} is not ours. */
    public static String foreignAudience(String subject, String... groups) {
        return sign(Jwt.issuer(ISSUER).audience("smarttelehealth-billing").subject(subject)
                .groups(new HashSet<>(Arrays.asList(groups))).expiresIn(600), "jwt/privateKey.pem");
    }

    /** Signed by our identity provider with no {@code aud} at all. */
    public static String noAudience(String subject, String... groups) {
        return sign(Jwt.issuer(ISSUER).subject(subject).groups(new HashSet<>(Arrays.asList(groups))).expiresIn(600),
                "jwt/privateKey.pem");
    }

    public static String foreignKey(String subject, String... groups) {
        return sign(claims(subject, groups), "jwt/foreignPrivateKey.pem");
    }

    /** A valid token whose payload was changed after signing: the signature no longer matches. */
    public static String tampered(String subject, String... groups) {
        String[] parts = token(subject, groups).split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace("\"sub\":\"" + subject + "\"", "\"sub\":\"admin-1\"");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes()) + "."
                + parts[2];
    }

    private static JwtClaimsBuilder claims(String subject, String... groups) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(new HashSet<>(Arrays.asList(groups)))
                .expiresIn(3600);
    }

    private static String sign(JwtClaimsBuilder claims, String keyLocation) {
        try {
            PrivateKey key = KeyUtils.readPrivateKey(keyLocation);
            return claims.jws().sign(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
