package com.smarttelehealth.video.devsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;

/**
 * A throw-away server certificate and key in PEM, for a test PostgreSQL that serves TLS. Made by the JDK's own
 * keytool (no OpenSSL needed on the machine), then written as PostgreSQL reads them: the certificate, and the
 * key as PKCS#8 readable by its owner only, which PostgreSQL insists on.
 */
final class SelfSignedCertificate {

    private static final char[] PASSWORD = "dev-only-throwaway".toCharArray();

    private SelfSignedCertificate() {
    }

    static void writeTo(Path certificate, Path key) throws IOException {
        Path store = Files.createTempFile("pg-server", ".p12");
        Files.delete(store);
        try {
            Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                    .toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD),
                    "-keypass", new String(PASSWORD))).redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (keytool.waitFor() != 0) {
                throw new IOException("keytool could not make a certificate: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD);
            }
            Key privateKey = keys.getKey("server", PASSWORD);
            Files.writeString(certificate, pem("CERTIFICATE", keys.getCertificate("server").getEncoded()));
            Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (GeneralSecurityException e) {
            throw new IOException("could not read the certificate keytool made", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(store);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
