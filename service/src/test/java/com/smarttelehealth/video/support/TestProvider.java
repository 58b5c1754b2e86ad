package com.smarttelehealth.video.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import com.smarttelehealth.video.devsupport.DevVonageApplication;

/**
 * The video provider the suite runs against: OpenTok unless {@code -Dvideo.provider=vonage} (the surefire and
 * failsafe executions named {@code vonage} set it, and the application under test reads the same property), with
 * the test project's and the test application's credentials, and how each provider's client tokens are read.
 */
public final class TestProvider {

    public static final String API_KEY = "100001";
    public static final String API_SECRET = "test-only-emulator-secret-0123456789abcdef";
    public static final String APPLICATION_ID = "7d3c1a2e-5b4f-4c6d-8e9f-0a1b2c3d4e5f";

    private TestProvider() {
    }

    public static boolean vonage() {
        return "vonage".equalsIgnoreCase(System.getProperty("video.provider", "opentok").strip());
    }

    /** What the token answer's {@code apiKey} holds: the project's API key, or the application id. */
    public static String clientKey() {
        return vonage() ? APPLICATION_ID : API_KEY;
    }

    /** How an issued client token begins: {@code T1==}, or a JWT's {@code {"} in base64url. */
    public static String tokenPrefix() {
        return vonage() ? "eyJ" : "T1==";
    }

    /**
     * A client token's claims, after checking its signature as the provider does: a T1 token's HMAC-SHA1 with the
     * project secret, or a JWT's RS256 with the application's public key. The claims are named as in T1
     * ({@code session_id}, {@code role}, {@code expire_time}, {@code connection_data},
     * {@code initial_layout_class_list}) for both.
     */
    public static Map<String, String> decodeToken(String token) {
        return vonage() ? decodeJwt(token) : decodeT1(token);
    }

    private static Map<String, String> decodeJwt(String token) {
        try {
            PublicKey key = DevVonageApplication.publicKeyOf(DevVonageApplication.privateKey());
            JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(key)
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256)
                    .setRequireExpirationTime().setRequireIssuedAt().setRequireJwtId()
                    .setSkipDefaultAudienceValidation().build().processToClaims(token);
            assertEquals(APPLICATION_ID, claims.getStringClaimValue("application_id"));
            assertEquals("session.connect", claims.getStringClaimValue("scope"));
            Map<String, String> values = new LinkedHashMap<>();
            values.put("session_id", claims.getStringClaimValue("session_id"));
            values.put("role", claims.getStringClaimValue("role"));
            values.put("expire_time", Long.toString(claims.getExpirationTime().getValue()));
            values.put("connection_data", claims.getStringClaimValue("connection_data"));
            values.put("initial_layout_class_list", claims.getStringClaimValue("initial_layout_class_list"));
            return values;
        } catch (Exception e) {
            throw new AssertionError("not a client token of the test application: " + e.getMessage());
        }
    }

    private static Map<String, String> decodeT1(String token) {
        try {
            String inner = new String(Base64.getDecoder().decode(token.substring(4).replace('-', '+').replace('_', '/')),
                    StandardCharsets.UTF_8);
            String[] parts = inner.split(":", 2);
            Map<String, String> head = form(parts[0]);
            assertEquals(API_KEY, head.get("partner_id"));
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(API_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            StringBuilder hex = new StringBuilder();
            for (byte b : mac.doFinal(parts[1].getBytes(StandardCharsets.UTF_8))) {
                hex.append(String.format("%02x", b));
            }
            assertEquals(hex.toString(), head.get("sig"), "the token is signed with the project secret");
            return form(parts[1]);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }
}
