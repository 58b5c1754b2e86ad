package com.smarttelehealth.video.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.config.OpenTokConfig;
import com.smarttelehealth.video.config.VideoProviderConfig;
import com.smarttelehealth.video.config.VonageConfig;

import io.quarkus.runtime.LaunchMode;

/**
 * Verifies the provider's signed callbacks: an HS256 JWT in {@code Authorization} (bare or after
 * {@code Bearer }) signed with the callback secret of the configured provider ({@code opentok.callback-secret} or
 * {@code vonage.callback-secret}), whose {@code payload_hash} claim is the lowercase hex SHA-256 of the raw body.
 * On Vonage, its {@code application_id} claim must also name the configured application: a callback signed for
 * another application of the same account is refused. Outside dev mode, no secret means every callback is refused.
 */
@ApplicationScoped
public class CallbackVerifier {

    private final Optional<JwtConsumer> consumer;
    private final boolean acceptUnsigned;
    /** The application every callback must name, on Vonage; null on OpenTok, whose callbacks name none. */
    private final String applicationId;

    CallbackVerifier(VideoProviderConfig provider, OpenTokConfig openTok, VonageConfig vonage) {
        boolean onVonage = provider.provider() == VideoProviderConfig.Provider.VONAGE;
        Optional<String> secret = onVonage ? vonage.callbackSecret() : openTok.callbackSecret();
        this.applicationId = onVonage ? vonage.applicationId().map(String::strip).orElse("") : null;
        this.consumer = secret.filter(s -> !s.isBlank()).map(key -> new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(key.getBytes(StandardCharsets.UTF_8)))
                .setRelaxVerificationKeyValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setRequireIssuedAt()
                .setAllowedClockSkewInSeconds(300)
                .setSkipDefaultAudienceValidation()
                .build());
        this.acceptUnsigned = consumer.isEmpty() && LaunchMode.current() == LaunchMode.DEVELOPMENT;
    }

    /** Returns normally when the callback is authentic; throws 401 otherwise. */
    public void verify(String authorization, byte[] body) {
        if (consumer.isEmpty()) {
            if (acceptUnsigned) {
                return;
            }
            throw unauthenticated("Callbacks are refused: no callback secret is configured.");
        }
        if (authorization == null || authorization.isBlank()) {
            throw unauthenticated("The callback is not signed.");
        }
        String jwt = authorization.strip();
        if (jwt.regionMatches(true, 0, "Bearer ", 0, 7)) {
            jwt = jwt.substring(7).strip();
        }
        JwtClaims claims;
        try {
            claims = consumer.get().processToClaims(jwt);
        } catch (Exception e) {
            throw unauthenticated("The callback signature is not valid.");
        }
        if (applicationId != null && !applicationId.equals(stringClaim(claims, "application_id"))) {
            throw unauthenticated("The callback is signed for another application.");
        }
        Object hash = claims.getClaimValue("payload_hash");
        if (!(hash instanceof String expected) || !MessageDigest.isEqual(
                expected.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                sha256Hex(body).getBytes(StandardCharsets.US_ASCII))) {
            throw unauthenticated("The callback body does not match its signature.");
        }
    }

    private static String stringClaim(JwtClaims claims, String name) {
        Object value = claims.getClaimValue(name);
        return value instanceof String text ? text : null;
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException unauthenticated(String detail) {
        return new ApiException(ProblemType.UNAUTHENTICATED, detail);
    }
}
