package com.smarttelehealth.video.devsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * Dev mode's and the tests' Vonage application: a private key made on first use under {@code target/dev-vonage}
 * (never committed, never in the prod build), as the Vonage dashboard would hand one out, and the public key the
 * emulator checks the service's calls with.
 */
public final class DevVonageApplication {

    static final Path DIRECTORY = Path.of("target", "dev-vonage");

    private DevVonageApplication() {
    }

    /** The private key file (PEM, PKCS#8), made on first use. */
    public static synchronized Path privateKey() {
        Path file = DIRECTORY.resolve("private.key");
        if (Files.exists(file)) {
            return file.toAbsolutePath();
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Files.createDirectories(DIRECTORY);
            Path partial = DIRECTORY.resolve("private.key.partial");
            Files.writeString(partial, DevJwt.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file.toAbsolutePath();
        } catch (Exception e) {
            throw new IllegalStateException("Could not make the dev Vonage application key under " + DIRECTORY, e);
        }
    }

    /** The public half of the RSA private key in the PEM file at {@code privateKey}. */
    public static PublicKey publicKeyOf(Path privateKey) {
        try {
            String pem = Files.readString(privateKey, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (Exception e) {
            throw new IllegalStateException("The Vonage application key " + privateKey + " is not an RSA private key in PEM (PKCS#8)");
        }
    }
}
