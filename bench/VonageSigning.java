import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.vonage.client.VonageClient;
import com.vonage.client.video.Role;
import com.vonage.client.video.TokenOptions;
import com.vonage.client.video.VideoClient;

/**
 * What one Vonage client token costs in CPU, and how much of it is the RS256 signature itself: the SDK's
 * generateToken (as vonage/VonageVideoProvider calls it) against a bare SHA256withRSA signature, with a key parsed
 * once, over a JWT of the same size. An own signer could save at most the difference.
 * Run by bench/vonage-signing.sh; one thread, after a warm-up.
 */
public class VonageSigning {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        VideoClient video = VonageClient.builder().applicationId(UUID.randomUUID().toString())
                .privateKeyContents(pem).build().getVideoClient();
        String sessionId = "1_MX4xMDAwMDF-fjE3NjQ2NDQ4MDAwMDB-UGF0aWVudC1zZXNzaW9uLWJlbmNo-fg";
        TokenOptions options = TokenOptions.builder().role(Role.PUBLISHER).expiryLength(Duration.ofHours(1))
                .data("{\"userId\":\"pat-0001\",\"displayName\":\"Patient 0001\",\"role\":\"patient\"}")
                .initialLayoutClassList(List.of("focus")).build();
        String sample = video.generateToken(sessionId, options);
        byte[] signingInput = sample.substring(0, sample.lastIndexOf('.')).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature rs256 = Signature.getInstance("SHA256withRSA");

        System.out.printf("# one thread; a token of %d characters; %d rounds of %d%n", sample.length(), rounds, perRound);
        for (int round = 0; round <= rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                video.generateToken(sessionId, options);
            }
            long sdk = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                rs256.initSign(key);
                rs256.update(signingInput);
                rs256.sign();
            }
            long bare = System.nanoTime() - start;
            if (round == 0) {
                continue; // warm-up
            }
            System.out.printf("round %d  SDK generateToken %7.1f us/token   bare RS256 %7.1f us/signature   signature's share %5.1f %%%n",
                    round, sdk / 1e3 / perRound, bare / 1e3 / perRound, 100.0 * bare / sdk);
        }
    }
}
