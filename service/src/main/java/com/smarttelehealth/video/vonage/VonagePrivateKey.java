package com.smarttelehealth.video.vonage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads a Vonage application's private key: a PEM file holding an RSA key in PKCS#8, as the Vonage dashboard
 * downloads it. Every failure says what is wrong and where, and never shows a byte of the file.
 */
final class VonagePrivateKey {

    static final String SETTING = "vonage.private-key-location (VONAGE_PRIVATE_KEY_LOCATION)";
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private VonagePrivateKey() {
    }

    /** The PEM text of the key at {@code location}, checked to be an RSA private key. */
    static String read(String location) {
        Path path = Path.of(location);
        String pem;
        try {
            pem = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(SETTING + ": " + path + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        parse(pem, path.toString());
        return pem;
    }

    /** The RSA key in {@code pem}; {@code where} names its source in failures. */
    static RSAPrivateKey parse(String pem, String where) {
        String text = pem.strip();
        if (text.startsWith("-----BEGIN RSA PRIVATE KEY-----")) {
            throw new IllegalStateException(SETTING + ": " + where + " holds a PKCS#1 key; convert it to PKCS#8 with "
                    + "`openssl pkcs8 -topk8 -nocrypt -in old.key -out private.key`");
        }
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw notAnRsaKey(where);
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw notAnRsaKey(where);
        }
    }

    private static IllegalStateException notAnRsaKey(String where) {
        return new IllegalStateException(SETTING + ": " + where + " is not an RSA private key in PEM (PKCS#8, "
                + BEGIN + ")");
    }
}
