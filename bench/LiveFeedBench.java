import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live feed under load (bench/live-feed.sh): SUBSCRIBERS streams over SESSIONS sessions, each stream a user
 * of its own (an observer of its session), read as a client reads them. Then memory of the idle streams, and the
 * delivery latency of events written at RATE per second, as the provider writes most of a call's events: signed
 * streamCreated callbacks, each on a random session. The latency runs from the moment the callback is sent (its
 * commit is a little later, so the figure is an upper bound) to the moment each stream reads it.
 *
 *   LiveFeedBench <base> <privateKey.pem> <issuer> <callback secret> <service pid> <sessions> <subscribers>
 *                 <rate> <seconds>
 *
 * Compiled with TokenBench.java and CallbackBench.java, whose JWT and callback signers it uses.
 */
public class LiveFeedBench {

    private static final Pattern MARK = Pattern.compile("\"streamId\":\"lf-(\\d+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        PrivateKey key = TokenBench.readKey(Path.of(args[1]));
        String issuer = args[2];
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(args[3].getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        long pid = Long.parseLong(args[4]);
        int sessions = Integer.parseInt(args[5]);
        int subscribers = Integer.parseInt(args[6]);
        int rate = Integer.parseInt(args[7]);
        int seconds = Integer.parseInt(args[8]);
        int perSession = Math.max(1, subscribers / sessions);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String service = TokenBench.jwt(key, issuer, "bench-live-backend", "service");

        // sessions, each with its observers, one user per stream
        List<String> sessionIds = new ArrayList<>();
        List<String[]> streams = new ArrayList<>(); // {sessionId, jwt}
        for (int s = 0; s < sessions; s++) {
            StringBuilder participants = new StringBuilder();
            for (int o = 0; o < perSession; o++) {
                participants.append(o == 0 ? "" : ",").append("{\"userId\":\"s").append(s).append("-o").append(o)
                        .append("\",\"role\":\"observer\"}");
            }
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/videocall/sessions"))
                    .header("Authorization", "Bearer " + service).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Live bench\",\"participants\":[" + participants
                            + "]}")).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("session create: " + created.statusCode() + " " + created.body());
            }
            Matcher id = Pattern.compile("\"sessionId\":\"([^\"]+)\"").matcher(created.body());
            id.find();
            sessionIds.add(id.group(1));
            for (int o = 0; o < perSession; o++) {
                streams.add(new String[] { id.group(1), TokenBench.jwt(key, issuer, "s" + s + "-o" + o, "patient") });
            }
        }

        Memory before = Memory.of(pid);
        ConcurrentHashMap<Long, Long> sentAt = new ConcurrentHashMap<>();
        ConcurrentHashMap<Long, Long> answeredAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> afterAnswer = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger open = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        List<CompletableFuture<?>> running = new ArrayList<>();
        for (String[] stream : streams) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/videocall/sessions/" + stream[0] + "/live"))
                    .header("Authorization", "Bearer " + stream[1]).header("Accept", "text/event-stream").GET().build();
            running.add(http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                public void onSubscribe(Flow.Subscription subscription) {
                    open.incrementAndGet();
                    subscription.request(Long.MAX_VALUE);
                }

                public void onNext(String line) {
                    if (line.startsWith("data:")) {
                        Matcher mark = MARK.matcher(line);
                        if (mark.find()) {
                            long seq = Long.parseLong(mark.group(1));
                            long now = System.nanoTime();
                            Long sent = sentAt.get(seq);
                            if (sent != null) {
                                latencies.add(now - sent);
                            }
                            Long answered = answeredAt.get(seq);
                            if (answered != null) {
                                afterAnswer.add(now - answered);
                            }
                        }
                    }
                }

                public void onError(Throwable failure) {
                    closed.incrementAndGet();
                }

                public void onComplete() {
                    closed.incrementAndGet();
                }
            })));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (open.get() < streams.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(5000);
        Memory idle = Memory.of(pid);
        System.out.printf("streams open: %d of %d (%d sessions, %d each)%n", open.get(), streams.size(), sessions, perSession);
        System.out.printf("service memory, idle streams: heap after GC %+.1f KiB per stream (%.1f -> %.1f MiB),"
                + " RSS %+.1f KiB per stream (%.1f -> %.1f MiB)%n",
                (idle.heapKib - before.heapKib) / open.get(), before.heapKib / 1024, idle.heapKib / 1024,
                (idle.rssKib - before.rssKib) / open.get(), before.rssKib / 1024, idle.rssKib / 1024);

        // warm-up: the same writes and deliveries for a while, not measured (their stream ids are not "lf-"), so that
        // the figures are of a running service and not of its first seconds (JIT, connections being opened)
        Random random = new Random(7);
        int warmup = Integer.parseInt(System.getProperty("warmup", "10")) * rate;
        long warmStart = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> warming = new ArrayList<>();
        for (long seq = 0; seq < warmup; seq++) {
            long wait = warmStart + seq * (TimeUnit.SECONDS.toNanos(1) / rate) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String sessionId = sessionIds.get(random.nextInt(sessionIds.size()));
            long now = System.currentTimeMillis();
            String body = "{\"sessionId\":\"" + sessionId + "\",\"projectId\":\"100003\",\"event\":\"streamCreated\","
                    + "\"timestamp\":" + now + ",\"stream\":{\"id\":\"warm-" + seq + "\",\"connection\":{\"id\":\"warm-c-"
                    + seq + "\"},\"createdAt\":" + now + ",\"videoType\":\"camera\"}}";
            warming.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/videocall/webhooks/opentok"))
                    .header("Authorization", CallbackBench.signed(mac, sha, body, now))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        warming.forEach(CompletableFuture::join);
        Thread.sleep(1000);

        // the writer: RATE events a second, each on a random session, paced on a fixed schedule
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        int total = rate * seconds;
        List<CompletableFuture<HttpResponse<String>>> writes = new ArrayList<>();
        for (long seq = 0; seq < total; seq++) {
            long due = start + seq * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String sessionId = sessionIds.get(random.nextInt(sessionIds.size()));
            long now = System.currentTimeMillis();
            String body = "{\"sessionId\":\"" + sessionId + "\",\"projectId\":\"100003\",\"event\":\"streamCreated\","
                    + "\"timestamp\":" + now + ",\"stream\":{\"id\":\"lf-" + seq + "\",\"connection\":{\"id\":\"lf-c-" + seq
                    + "\"},\"createdAt\":" + now + ",\"videoType\":\"camera\"}}";
            String signature = CallbackBench.signed(mac, sha, body, now);
            sentAt.put(seq, System.nanoTime());
            long written = seq;
            writes.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/videocall/webhooks/opentok"))
                    .header("Authorization", signature).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> answeredAt.put(written, System.nanoTime())));
        }
        long failed = writes.stream().map(CompletableFuture::join).filter(r -> r.statusCode() != 204).count();
        Thread.sleep(3000);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long expected = (long) total * perSession;
        System.out.printf("callbacks (streamCreated): %d at %d/s for %d s (%d failed); deliveries %d of %d expected; streams closed %d%n",
                total, rate, seconds, failed, sorted.length, expected, closed.get());
        System.out.printf("delivery latency (write sent -> read by a stream): p50 %.1f ms  p99 %.1f ms  max %.1f ms"
                + "  (target p99 < 250 ms)%n", ms(sorted, 0.50), ms(sorted, 0.99), ms(sorted, 1.0));
        long[] writeTimes = sentAt.entrySet().stream().filter(e -> answeredAt.containsKey(e.getKey()))
                .mapToLong(e -> answeredAt.get(e.getKey()) - e.getValue()).sorted().toArray();
        System.out.printf("  of which the write itself (sent -> answered): p50 %.1f ms  p99 %.1f ms%n",
                ms(writeTimes, 0.50), ms(writeTimes, 0.99));
        // when the slow writes were sent: stalls at a steady period point at a timer, scattered ones at load
        long firstSent = sentAt.values().stream().mapToLong(Long::longValue).min().orElse(0);
        String slowest = sentAt.entrySet().stream().filter(e -> answeredAt.containsKey(e.getKey()))
                .filter(e -> answeredAt.get(e.getKey()) - e.getValue() > 100_000_000L)
                .map(e -> (e.getValue() - firstSent) / 100_000_000L).distinct().sorted()
                .map(tenths -> String.format("%.1f", tenths / 10.0)).collect(java.util.stream.Collectors.joining(" "));
        System.out.printf("  writes slower than 100 ms were sent at (s): %s%n", slowest.isEmpty() ? "none" : slowest);
        long[] after = afterAnswer.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("  read after the write was answered (%d of the deliveries; the others came first):"
                + " p50 %.1f ms  p99 %.1f ms%n", after.length, ms(after, 0.50), ms(after, 0.99));
        System.exit(0);
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** The service's heap after a full GC (jcmd) and its resident set. */
    record Memory(double heapKib, double rssKib) {
        static Memory of(long pid) throws Exception {
            run("jcmd", Long.toString(pid), "GC.run");
            String heap = run("jcmd", Long.toString(pid), "GC.heap_info");
            // every generation's (Serial: "def new generation ... used NK", "tenured generation ..."; G1: "heap")
            Matcher used = Pattern.compile("(?:generation|heap)\\s+total \\d+K, used (\\d+)K").matcher(heap);
            double heapKib = 0;
            while (used.find()) {
                heapKib += Double.parseDouble(used.group(1));
            }
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
            rss.find();
            return new Memory(heapKib, Double.parseDouble(rss.group(1)));
        }

        private static String run(String... command) throws Exception {
            Process process = new ProcessBuilder(Arrays.asList(command)).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            return out;
        }
    }
}
