package com.smarttelehealth.video.devsupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;


/**
 * Dev mode's own identity provider: a key pair made on first start under {@code target/dev-jwt}
 * (never committed, never in the prod build) and the minting of JWTs for any user and role.
 */
public final class DevJwt {

    public static final String ISSUER = "https://dev.smarttelehealth.local/";
    /** The audience dev mode's tokens name, as application.properties' {@code %dev.mp.jwt.verify.audiences}. */
    public static final String AUDIENCE = "smarttelehealth-video";
    static final Path DIRECTORY = Path.of("target", "dev-jwt");

    private DevJwt() {
    }

    /** The public key file, made with its private key on first use. */
    public static synchronized Path publicKey() {
        Path publicKey = DIRECTORY.resolve("publicKey.pem");
        Path privateKey = DIRECTORY.resolve("privateKey.pem");
        if (Files.exists(publicKey) && Files.exists(privateKey)) {
            return publicKey.toAbsolutePath();
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(DIRECTORY);
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return publicKey.toAbsolutePath();
        } catch (Exception e) {
            throw new IllegalStateException("Could not make the dev JWT key pair under " + DIRECTORY, e);
        }
    }

    /** A signed JWT for a dev user. */
    public static String mint(String subject, List<String> groups, String name, long lifetimeSeconds) {
        try {
            publicKey();
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(ISSUER);
            claims.setSubject(subject);
            claims.setAudience(AUDIENCE);
            claims.setStringListClaim("groups", groups);
            if (name != null && !name.isBlank()) {
                claims.setStringClaim("name", name);
            }
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(lifetimeSeconds / 60f);
            claims.setGeneratedJwtId();
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(privateKey());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException("Could not mint a dev JWT", e);
        }
    }

    private static PrivateKey privateKey() throws Exception {
        String pem = Files.readString(DIRECTORY.resolve("privateKey.pem"), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    static String pem(String type, byte[] der) throws IOException {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
