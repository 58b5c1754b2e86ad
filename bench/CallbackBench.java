import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes signed OpenTok callbacks for the ingestion benchmark, one per line as
 * {@code <Authorization>\t<body>}: {@code connectionCreated} reports of distinct connections spread over
 * the seeded sessions {@code bench-1..bench-<sessions>}, each signed as Vonage signs them (HS256 JWT with
 * the SHA-256 of the body as {@code payload_hash}).
 * Usage: {@code java bench/CallbackBench.java <callbackSecret> <sessions> <count> <outFile> [connectionIdPrefix]}
 * (the prefix, {@code bench-conn-} by default, keeps a warm-up's connections apart from the measured ones)
 */
public class CallbackBench {

    public static void main(String[] args) throws Exception {
        byte[] secret = args[0].getBytes(StandardCharsets.UTF_8);
        int sessions = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        String prefix = args.length > 4 ? args[4] : "bench-conn-";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long now = System.currentTimeMillis();
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]))) {
            for (int i = 1; i <= count; i++) {
                String body = "{\"sessionId\":\"bench-" + (1 + i % sessions) + "\",\"projectId\":\"100003\","
                        + "\"event\":\"connectionCreated\",\"timestamp\":" + now + ",\"connection\":{\"id\":\"" + prefix + i
                        + "\",\"createdAt\":" + (now - 1000) + ",\"data\":\"{\\\"userId\\\":\\\"bench-user-" + (i % 5000)
                        + "\\\",\\\"displayName\\\":\\\"Bench\\\",\\\"role\\\":\\\"patient\\\"}\"}}";
                out.write(signed(mac, sha, body, now) + "\t" + body + "\n");
            }
        }
    }

    /** The callback's signature as Vonage signs it: an HS256 JWT whose payload_hash is the body's SHA-256. */
    static String signed(Mac mac, MessageDigest sha, String body, long now) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String hash = HexFormat.of().formatHex(sha.digest(body.getBytes(StandardCharsets.UTF_8)));
        String claims = b64.encodeToString(("{\"iss\":\"Vonage\",\"iat\":" + now / 1000 + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"api_key\":\"100003\",\"application_id\":\"bench\",\"payload_hash\":\"" + hash + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String signature = b64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        return header + "." + claims + "." + signature;
    }
}
