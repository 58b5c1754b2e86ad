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
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LocalStack <apiKey> <apiSecret> [emulatorPort]");
            System.exit(2);
        }
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        String jdbcUrl = LocalPostgres.jdbcUrl();
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        OpenTokEmulator emulator = new OpenTokEmulator(vertx, args[0], args[1]);
        emulator.mount(router, "/opentok");
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String url = "http://127.0.0.1:" + server.actualPort() + "/opentok";
        emulator.baseUrl(url);
        System.out.println("QUARKUS_DATASOURCE_JDBC_URL=" + jdbcUrl);
        System.out.println("QUARKUS_DATASOURCE_USERNAME=" + LocalPostgres.USER);
        System.out.println("OPENTOK_API_URL=" + url);
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
