import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;

import com.opentok.MediaMode;
import com.opentok.OpenTok;
import com.opentok.SessionProperties;

/**
 * Session create through the service against the same create made straight at the OpenTok
 * emulator with the SDK, one request at a time, so that the difference is what the service adds
 * (JWT check, validation, the session, participant and event rows, the response).
 * Usage: {@code java -cp <test classpath> bench/SessionBench.java <base> <emulatorUrl> <apiKey> <apiSecret> <providerJwt> <count>}
 * ({@code BENCH_CREATE_WARMUP}: how many creates of each warm up first, by default 5,000).
 */
public class SessionBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        OpenTok openTok = new OpenTok.Builder(Integer.parseInt(args[2]), args[3]).apiUrl(args[1]).build();
        String jwt = args[4];
        int count = Integer.parseInt(args[5]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        SessionProperties routed = new SessionProperties.Builder().mediaMode(MediaMode.ROUTED).build();

        // warm both paths up first, until the JIT is done with them: after 300 creates the emulator's own answer
        // still took twice as long as after 5,000, and the service's p50 moved by 2 to 4 ms from run to run
        int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_CREATE_WARMUP", "5000"));
        for (int i = 0; i < warmup; i++) {
            openTok.createSession(routed);
            create(client, base, jwt);
        }
        long[] direct = new long[count];
        long[] service = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            openTok.createSession(routed);
            direct[i] = System.nanoTime() - start;
            start = System.nanoTime();
            create(client, base, jwt);
            service[i] = System.nanoTime() - start;
        }
        Arrays.sort(direct);
        Arrays.sort(service);
        System.out.printf("emulator  session create (SDK, direct)   p50 %6.2f ms  p99 %6.2f ms%n", ms(direct, 0.50), ms(direct, 0.99));
        System.out.printf("service   POST /api/videocall/sessions   p50 %6.2f ms  p99 %6.2f ms%n", ms(service, 0.50), ms(service, 0.99));
        System.out.printf("added     by the service                 p50 %6.2f ms  (target < 5 ms), %d creates each after %d of warm-up%n",
                ms(service, 0.50) - ms(direct, 0.50), count, warmup);
        System.exit(0); // the SDK's HTTP client keeps non-daemon threads
    }

    private static void create(HttpClient client, String base, String jwt) throws Exception {
        String body = "{\"name\":\"Bench\",\"consultationId\":\"bench-c-" + UUID.randomUUID()
                + "\",\"participants\":[{\"userId\":\"bench-pat-" + UUID.randomUUID() + "\",\"role\":\"patient\"}]}";
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/videocall/sessions"))
                .header("Authorization", "Bearer " + jwt).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("create answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
