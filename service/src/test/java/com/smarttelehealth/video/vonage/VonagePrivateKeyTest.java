package com.smarttelehealth.video.vonage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.smarttelehealth.video.devsupport.DevVonageApplication;

/** A Vonage private key is read once, and every way it can be wrong is named without showing a byte of it. */
class VonagePrivateKeyTest {

    private static final String SECRET_LOOKING = "TUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD";

    @TempDir
    Path directory;

    @Test
    void readsTheDashboardsPkcs8Pem() {
        Path key = DevVonageApplication.privateKey();
        assertNotNull(VonagePrivateKey.parse(VonagePrivateKey.read(key.toString()), key.toString()));
    }

    @Test
    void aMissingFileIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VonagePrivateKey.read(directory.resolve("absent.key").toString()));
        assertTrue(e.getMessage().startsWith("vonage.private-key-location (VONAGE_PRIVATE_KEY_LOCATION): "), e.getMessage());
        assertTrue(e.getMessage().endsWith("absent.key cannot be read (NoSuchFileException)"), e.getMessage());
    }

    @Test
    void whatIsNotAnRsaPkcs8KeyIsRefusedWithoutShowingIt() throws Exception {
        for (String text : new String[] {
                "-----BEGIN PRIVATE KEY-----\n" + SECRET_LOOKING + "\n-----END PRIVATE KEY-----\n",
                SECRET_LOOKING,
                "-----BEGIN PUBLIC KEY-----\n" + SECRET_LOOKING + "\n-----END PUBLIC KEY-----\n",
                "-----BEGIN PRIVATE KEY-----\n%%%" + SECRET_LOOKING + "\n-----END PRIVATE KEY-----\n" }) {
            Path file = Files.writeString(directory.resolve("bad.key"), text);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> VonagePrivateKey.read(file.toString()));
            assertEquals("vonage.private-key-location (VONAGE_PRIVATE_KEY_LOCATION): " + file
                    + " is not an RSA private key in PEM (PKCS#8, -----BEGIN PRIVATE KEY-----)", e.getMessage());
            assertFalse(e.getMessage().contains(SECRET_LOOKING.substring(0, 12)));
            assertEquals(null, e.getCause(), "no cause that could carry the key's bytes");
        }
    }

    @Test
    void aPkcs1KeySaysHowToConvertIt() throws Exception {
        Path file = Files.writeString(directory.resolve("old.key"),
                "-----BEGIN RSA PRIVATE KEY-----\n" + SECRET_LOOKING + "\n-----END RSA PRIVATE KEY-----\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> VonagePrivateKey.read(file.toString()));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET_LOOKING.substring(0, 12)));
    }
}
