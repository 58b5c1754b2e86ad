package com.smarttelehealth.video.devsupport;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * Runs what the packaged application needs around it, for benchmarks and manual checks of the prod
 * build: an embedded PostgreSQL and the OpenTok emulator on {@code 127.0.0.1}. It prints one
 * {@code KEY=value} line per setting, then runs until killed. Not part of the prod build.
 * <p>
 * Usage: {@code java -cp <classes and dependencies> com.smarttelehealth.video.devsupport.LocalStack <apiKey> <apiSecret> [port]}
 * for an OpenTok project, or {@code ... LocalStack vonage <applicationId> <privateKeyPem> [port]} for a Vonage
 * application (the emulator checks the service's calls with the public half of that key).
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        boolean vonage = args.length > 0 && "vonage".equals(args[0]);
        String[] rest = vonage ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        if (rest.length < 2) {
            System.err.println("usage: LocalStack <apiKey> <apiSecret> [emulatorPort]\n"
                    + "       LocalStack vonage <applicationId> <privateKeyPem> [emulatorPort]");
            System.exit(2);
        }
        int port = rest.length > 2 ? Integer.parseInt(rest[2]) : 0;
        String jdbcUrl = LocalPostgres.jdbcUrl();
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        OpenTokEmulator emulator = vonage
                ? OpenTokEmulator.vonage(vertx, rest[0], DevVonageApplication.publicKeyOf(java.nio.file.Path.of(rest[1])))
                : new OpenTokEmulator(vertx, rest[0], rest[1]);
        emulator.mount(router, "/opentok");
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String url = "http://127.0.0.1:" + server.actualPort() + "/opentok";
        emulator.baseUrl(url);
        System.out.println("QUARKUS_DATASOURCE_JDBC_URL=" + jdbcUrl);
        System.out.println("QUARKUS_DATASOURCE_USERNAME=" + LocalPostgres.USER);
        System.out.println((vonage ? "VONAGE_API_URL=" : "OPENTOK_API_URL=") + url);
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
