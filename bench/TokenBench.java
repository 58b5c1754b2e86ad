import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDK-only half of the token benchmark (wrk does the closed-loop half):
 * {@code setup} creates a session with a patient and prints its id and the patient's JWT;
 * {@code paced} issues tokens at a fixed rate (an open loop), with each latency counted from the
 * request's scheduled start, so that a stall is not hidden (no coordinated omission).
 * The token requests carry no body (it is optional), so that the JDK client's separate body write
 * does not add its own delay to the figures.
 * {@code paced-new} does the same with a new TCP connection for every request, as clients that do not keep
 * connections alive make them (a plain socket, {@code Connection: close}), and in the same run paces
 * {@code GET /q/health/live} the same way: the machine's floor for a new connection.
 */
public class TokenBench {

    static HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String base = args[1];
        if (mode.equals("jwt")) {
            // jwt <base> <privateKey.pem> <issuer> <subject> <group>: prints a JWT
            System.out.println(jwt(readKey(Path.of(args[2])), args[3], args[4], args[5]));
            return;
        }
        if (mode.equals("setup")) {
            // setup <base> <privateKey.pem> <issuer> <sessions>: creates that many consultations, each with
            // its own patient, and prints "<sessionId> <patient JWT>" per line. Real traffic spreads over
            // many calls; one session hammered by every request would measure lock contention on its row.
            PrivateKey key = readKey(Path.of(args[2]));
            String issuer = args[3];
            int sessions = Integer.parseInt(args[4]);
            String provider = jwt(key, issuer, "bench-dr", "provider");
            String backend = jwt(key, issuer, "bench-backend", "service");
            for (int i = 0; i < sessions; i++) {
                String patientId = "bench-pat-" + UUID.randomUUID().toString().substring(0, 8);
                client.send(HttpRequest.newBuilder(URI.create(base + "/api/videocall/entitlements/" + patientId))
                        .header("Authorization", "Bearer " + backend).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"plan\":\"premium\"}")).build(),
                        HttpResponse.BodyHandlers.discarding());
                String body = "{\"name\":\"Bench\",\"consultationId\":\"bench-" + UUID.randomUUID()
                        + "\",\"participants\":[{\"userId\":\"" + patientId + "\",\"role\":\"patient\"}]}";
                HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(base + "/api/videocall/sessions"))
                        .header("Authorization", "Bearer " + provider).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("session create answered " + created.statusCode() + ": " + created.body());
                }
                Matcher m = Pattern.compile("\"sessionId\":\"([^\"]+)\"").matcher(created.body());
                m.find();
                System.out.println(m.group(1) + " " + jwt(key, issuer, patientId, "patient"));
            }
            return;
        }
        if (mode.equals("paced-new")) {
            // paced-new <base> <pairs file> <rate> <seconds>
            URI uri = URI.create(base);
            List<String> tokenRequests = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(Path.of(args[2]))) {
                String[] pair = line.split(" ");
                tokenRequests.add("POST /api/videocall/sessions/" + pair[0] + "/token HTTP/1.1\r\nHost: " + uri.getHost()
                        + "\r\nAuthorization: Bearer " + pair[1] + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            }
            List<String> health = List.of("GET /q/health/live HTTP/1.1\r\nHost: " + uri.getHost()
                    + "\r\nConnection: close\r\n\r\n");
            int rate = Integer.parseInt(args[3]);
            int seconds = Integer.parseInt(args[4]);
            openLoopNew(uri, tokenRequests, 201, rate, 10); // warm-up
            openLoopNew(uri, health, 200, rate, 10);
            Result tokens = openLoopNew(uri, tokenRequests, 201, rate, seconds);
            Result floor = openLoopNew(uri, health, 200, rate, seconds);
            System.out.println("paced-new POST .../token @" + rate + "/s     " + tokens
                    + "  (a new connection each; target p99 < 20 ms, or < 3x the health probe's)");
            System.out.println("paced-new GET /q/health/live @" + rate + "/s " + floor + "  (a new connection each)");
            System.out.printf(Locale.ROOT, "paced-new token p99 / health p99  %.2f%n", tokens.p99() / floor.p99());
            return;
        }
        // paced <base> <pairs file> <rate> <seconds>
        List<HttpRequest> tokens = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[2]))) {
            String[] pair = line.split(" ");
            tokens.add(HttpRequest.newBuilder(URI.create(base + "/api/videocall/sessions/" + pair[0] + "/token"))
                    .header("Authorization", "Bearer " + pair[1]).POST(HttpRequest.BodyPublishers.noBody()).build());
        }
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        openLoop(tokens, 201, rate, 10); // warm-up
        Result paced = openLoop(tokens, 201, rate, seconds);
        System.out.println("paced     POST .../token @" + rate + "/s     " + paced + "  (target p99 < 20 ms)");
    }

    record Result(double rps, double p50, double p99, long errors, long count) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d of %d", rps, p50, p99,
                    errors, count);
        }
    }

    static Result openLoop(List<HttpRequest> requests, int expected, int rate, int seconds) throws Exception {
        return openLoop(requests.size(), i -> send(requests.get(i)), expected, rate, seconds);
    }

    /** Request {@code i % count}, sent by {@code send}, at {@code rate} a second for {@code seconds}. */
    static Result openLoop(int count, java.util.function.IntUnaryOperator send, int expected, int rate, int seconds)
            throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        LongAdder errors = new LongAdder();
        AtomicLong index = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        for (int i = 0; i < total; i++) {
            int which = i % count;
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            pool.submit(() -> {
                if (send.applyAsInt(which) != expected) {
                    errors.increment();
                }
                latencies[(int) index.getAndIncrement()] = System.nanoTime() - scheduled;
            });
        }
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        return summarize(List.of(Arrays.copyOf(latencies, (int) index.get())), seconds, errors.sum());
    }

    /** An open loop as {@link #openLoop}, each request written on a new socket and read to the end. */
    static Result openLoopNew(URI base, List<String> requests, int expected, int rate, int seconds) throws Exception {
        List<byte[]> raw = requests.stream().map(r -> r.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toList();
        return openLoop(raw.size(), i -> sendOnNewConnection(base, raw.get(i)), expected, rate, seconds);
    }

    static int sendOnNewConnection(URI base, byte[] request) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            byte[] answer = socket.getInputStream().readAllBytes(); // Connection: close: the server ends it
            String status = new String(answer, 0, Math.min(answer.length, 12), java.nio.charset.StandardCharsets.US_ASCII);
            return status.startsWith("HTTP/1.1 ") ? Integer.parseInt(status.substring(9, 12)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    static int send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static Result summarize(List<long[]> samples, int seconds, long errors) {
        long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (all.length == 0) {
            return new Result(0, 0, 0, errors, 0);
        }
        return new Result(all.length / (double) seconds, all[(int) (all.length * 0.50)] / 1e6,
                all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6, errors, all.length);
    }

    static PrivateKey readKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** The audience the service is given (bench/lib.sh's MP_JWT_VERIFY_AUDIENCES). */
    static final String AUDIENCE = "smarttelehealth-video";

    static String jwt(PrivateKey key, String issuer, String subject, String group) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"" + issuer + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + subject + "\",\"groups\":[\"" + group
                + "\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64.encodeToString(signature.sign());
    }
}
