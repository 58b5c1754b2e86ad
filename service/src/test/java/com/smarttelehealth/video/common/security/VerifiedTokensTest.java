package com.smarttelehealth.video.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** The verified-token cache: what it remembers, and when it asks smallrye-jwt again. */
class VerifiedTokensTest {

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final List<String> verified = new ArrayList<>();

    /** A verifier that counts its calls; tokens named "bad..." fail, others expire at {@code exp}. */
    private JWTParser verifier(long expiresAtSeconds) {
        return (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { JWTParser.class },
                (proxy, method, args) -> {
                    String token = (String) args[0];
                    verified.add(token);
                    if (token.startsWith("bad")) {
                        throw new ParseException("signature");
                    }
                    if (now.get() / 1000 >= expiresAtSeconds) {
                        throw new ParseException("expired");
                    }
                    return jwt(token, expiresAtSeconds);
                });
    }

    private static JsonWebToken jwt(String raw, long exp) {
        return (JsonWebToken) Proxy.newProxyInstance(VerifiedTokensTest.class.getClassLoader(),
                new Class<?>[] { JsonWebToken.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getExpirationTime" -> exp;
                    case "getRawToken" -> raw;
                    case "getName" -> "user";
                    default -> null;
                });
    }

    @Test
    void aGoodTokenIsVerifiedOnceWhileItLives() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(verifier(now.get() / 1000 + 3600), now::get);
        JsonWebToken first = tokens.parse("good");
        now.addAndGet(60_000);
        assertSame(first, tokens.parse("good"));
        tokens.parse("other");
        assertEquals(List.of("good", "other"), verified);
    }

    @Test
    void aBadTokenIsNeverRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(verifier(now.get() / 1000 + 3600), now::get);
        assertThrows(ParseException.class, () -> tokens.parse("bad"));
        assertThrows(ParseException.class, () -> tokens.parse("bad"));
        assertEquals(List.of("bad", "bad"), verified);
    }

    @Test
    void anExpiredTokenGoesBackToTheVerifierWhichRefusesIt() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(verifier(now.get() / 1000 + 120), now::get);
        tokens.parse("short");
        now.addAndGet(121_000);
        assertThrows(ParseException.class, () -> tokens.parse("short"));
        assertEquals(List.of("short", "short"), verified);
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterFiveMinutes() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(verifier(now.get() / 1000 + 86_400), now::get);
        tokens.parse("long");
        now.addAndGet(VerifiedTokens.MAX_AGE.toMillis() - 1000);
        tokens.parse("long");
        now.addAndGet(2000);
        tokens.parse("long");
        assertEquals(List.of("long", "long"), verified);
    }
}
