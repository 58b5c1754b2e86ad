package com.smarttelehealth.video.devsupport;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A stateful stand-in for the video provider's REST API, for dev mode and tests only, in one of two dialects:
 * <ul>
 * <li>legacy OpenTok ({@link #OpenTokEmulator(Vertx, String, String)}): the calls OpenTok SDK 4.9.0 makes, each
 * checked by its {@code X-OPENTOK-AUTH} JWT against the project's API key and secret;</li>
 * <li>the Vonage Video API ({@link #vonage(Vertx, String, PublicKey)}): the calls {@code com.vonage:server-sdk}
 * makes, under {@code /v2/project/{applicationId}/}, each checked by its {@code Authorization: Bearer} RS256 JWT
 * against the application's public key and id; archive, broadcast and connection ids are UUIDs.</li>
 * </ul>
 * Both answer in the JSON shapes their SDK parses.
 * <p>
 * Its {@code _admin} routes let tests read what it received, inject faults (an HTTP status, a delay,
 * or a dropped connection), register live connections and move archives along their lifecycle as
 * OpenTok does. It never runs in the prod build.
 */
public final class OpenTokEmulator {

    private final Vertx vertx;
    /** The API key (OpenTok) or the application id (Vonage): the {@code /v2/project/{id}} of every path. */
    private final String apiKey;
    private final boolean vonage;
    private final JwtConsumer authVerifier;
    private final Map<String, JsonObject> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> connections = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> archives = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> broadcasts = new ConcurrentHashMap<>();
    /** Started captions: their id, and their session's. */
    private final Map<String, String> captions = new ConcurrentHashMap<>();
    private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private String baseUrl = "";
    private static final String RECORD = "emulator.record";

    /** A legacy OpenTok project's API. */
    public OpenTokEmulator(Vertx vertx, String apiKey, String apiSecret) {
        this(vertx, apiKey, false, new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(apiSecret.getBytes(StandardCharsets.UTF_8)))
                .setRelaxVerificationKeyValidation()
                .setExpectedIssuer(apiKey)
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(30)
                .build());
    }

    private OpenTokEmulator(Vertx vertx, String projectId, boolean vonage, JwtConsumer authVerifier) {
        this.vertx = vertx;
        this.apiKey = projectId;
        this.vonage = vonage;
        this.authVerifier = authVerifier;
    }

    /**
     * A Vonage application's Video API: calls carry {@code Authorization: Bearer} with an RS256 JWT signed by the
     * application's private key, whose {@code application_id} claim names it (SDK 9.3.1 sends {@code iat} and
     * {@code jti}, no {@code exp}).
     */
    public static OpenTokEmulator vonage(Vertx vertx, String applicationId, PublicKey publicKey) {
        return new OpenTokEmulator(vertx, applicationId, true, new JwtConsumerBuilder()
                .setVerificationKey(publicKey)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(30)
                .setSkipDefaultAudienceValidation()
                .build());
    }

    /** Mounts the emulator under {@code basePath} (no trailing slash). */
    public void mount(Router router, String basePath) {
        String project = basePath + "/v2/project/:apiKey";
        router.route(basePath + "/*").order(-10).handler(BodyHandler.create().setBodyLimit(128 * 1024));

        String admin = basePath + "/_admin";
        router.get(admin + "/requests").handler(this::listRequests);
        router.delete(admin).handler(this::reset);
        router.post(admin + "/faults").handler(this::addFault);
        router.delete(admin + "/faults").handler(ctx -> {
            faults.clear();
            ctx.response().setStatusCode(204).end();
        });
        router.post(admin + "/archives/:archiveId/status").handler(this::setArchiveStatus);
        router.post(admin + "/sessions/:sessionId/connections").handler(this::addConnection);
        router.get(admin + "/sessions/:sessionId").handler(this::showSession);
        router.get(basePath + "/_files/:archiveId").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "video/mp4").end("emulated archive " + ctx.pathParam("archiveId")));

        router.post(basePath + "/session/create").handler(ctx -> guarded(ctx, this::createSession));
        router.post(project + "/archive").handler(ctx -> guarded(ctx, this::startArchive));
        router.get(project + "/archive").handler(ctx -> guarded(ctx, this::listArchives));
        router.get(project + "/archive/:archiveId").handler(ctx -> guarded(ctx, this::getArchive));
        router.delete(project + "/archive/:archiveId").handler(ctx -> guarded(ctx, this::deleteArchive));
        router.post(project + "/archive/:archiveId/stop").handler(ctx -> guarded(ctx, this::stopArchive));
        router.put(project + "/archive/:archiveId/layout").handler(ctx -> guarded(ctx, this::setArchiveLayout));
        router.post(project + "/broadcast").handler(ctx -> guarded(ctx, this::startBroadcast));
        router.get(project + "/broadcast/:broadcastId").handler(ctx -> guarded(ctx, this::getBroadcast));
        router.post(project + "/broadcast/:broadcastId/stop").handler(ctx -> guarded(ctx, this::stopBroadcast));
        router.put(project + "/broadcast/:broadcastId/layout").handler(ctx -> guarded(ctx, this::setBroadcastLayout));
        router.delete(project + "/session/:sessionId/connection/:connectionId")
                .handler(ctx -> guarded(ctx, this::forceDisconnect));
        router.post(project + "/session/:sessionId/mute").handler(ctx -> guarded(ctx, this::muteAll));
        router.post(project + "/session/:sessionId/stream/:streamId/mute").handler(ctx -> guarded(ctx, this::muteStream));
        router.post(project + "/session/:sessionId/signal").handler(ctx -> guarded(ctx, this::signal));
        router.post(project + "/dial").handler(ctx -> guarded(ctx, this::dial));
        router.post(project + "/captions").handler(ctx -> guarded(ctx, this::startCaptions));
        router.post(project + "/captions/:captionsId/stop").handler(ctx -> guarded(ctx, this::stopCaptions));
        router.post(project + "/session/:sessionId/play-dtmf").handler(ctx -> guarded(ctx, this::playDtmf));
        router.post(project + "/session/:sessionId/connection/:connectionId/play-dtmf")
                .handler(ctx -> guarded(ctx, this::playDtmf));
        router.post(project + "/session/:sessionId/connection/:connectionId/signal")
                .handler(ctx -> guarded(ctx, this::signal));
    }

    /** The URL files are served from, for archive download links. */
    public void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    // ---- the OpenTok API -------------------------------------------------------------------

    private void createSession(RoutingContext ctx) {
        String p2p = ctx.request().getFormAttribute("p2p.preference");
        String archiveMode = ctx.request().getFormAttribute("archiveMode");
        String raw = "1~" + apiKey + "~127.0.0.1~" + Instant.now().toEpochMilli() + "~" + UUID.randomUUID() + "~";
        String sessionId = "1_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        sessions.put(sessionId, new JsonObject()
                .put("sessionId", sessionId)
                .put("mediaMode", "enabled".equals(p2p) ? "relayed" : "routed")
                .put("archiveMode", archiveMode == null ? "manual" : archiveMode));
        JsonObject record = ctx.get(RECORD);
        record.put("createdSessionId", sessionId);
        JsonObject created = new JsonObject().put("session_id", sessionId).put("create_dt", Instant.now().toString());
        if (vonage) {
            created.put("application_id", apiKey);
        } else {
            created.put("project_id", apiKey).put("partner_id", apiKey).put("media_server_url", "");
        }
        json(ctx, 200, new JsonArray().add(created));
    }

    private void startArchive(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null || body.getString("sessionId") == null) {
            error(ctx, 400, "sessionId is required");
            return;
        }
        String sessionId = body.getString("sessionId");
        if (!canStart(ctx, sessionId, archives, "already recording")) {
            return;
        }
        long now = System.currentTimeMillis();
        JsonObject archive = owned(new JsonObject()
                .put("id", UUID.randomUUID().toString())
                .put("status", "started")
                .put("name", body.getString("name"))
                .put("sessionId", sessionId))
                .put("createdAt", now)
                .put("updatedAt", now)
                .put("size", 0)
                .put("duration", 0)
                .put("hasAudio", body.getBoolean("hasAudio", true))
                .put("hasVideo", body.getBoolean("hasVideo", true))
                .put("outputMode", body.getString("outputMode", "composed"))
                .put("streamMode", body.getString("streamMode", "auto"))
                .put("resolution", body.getString("resolution", "640x480"))
                .put("reason", "")
                .putNull("url");
        if (body.getJsonObject("layout") != null) {
            archive.put("layout", body.getJsonObject("layout"));
        }
        archives.put(archive.getString("id"), archive);
        json(ctx, 200, archive);
    }

    /**
     * Whether an archive or a broadcast ({@code started}: what is already running) can start in the session, as
     * the API decides: a known, routed session with none started; else the API's error is answered.
     */
    private boolean canStart(RoutingContext ctx, String sessionId, Map<String, JsonObject> started, String busy) {
        JsonObject session = sessions.get(sessionId);
        if (session == null) {
            error(ctx, 404, "session not found");
            return false;
        }
        if ("relayed".equals(session.getString("mediaMode"))) {
            error(ctx, 409, "peer-to-peer session");
            return false;
        }
        if (started.values().stream()
                .anyMatch(r -> sessionId.equals(r.getString("sessionId")) && "started".equals(r.getString("status")))) {
            error(ctx, 409, busy);
            return false;
        }
        return true;
    }

    private void listArchives(RoutingContext ctx) {
        String sessionId = ctx.request().getParam("sessionId");
        int offset = intParam(ctx, "offset", 0);
        int count = intParam(ctx, "count", 50);
        List<JsonObject> matching = archives.values().stream()
                .filter(a -> sessionId == null || sessionId.equals(a.getString("sessionId")))
                .sorted((a, b) -> Long.compare(b.getLong("createdAt"), a.getLong("createdAt")))
                .toList();
        JsonArray items = new JsonArray();
        matching.stream().skip(offset).limit(count).forEach(items::add);
        json(ctx, 200, new JsonObject().put("count", matching.size()).put("items", items));
    }

    private void getArchive(RoutingContext ctx) {
        JsonObject archive = archives.get(ctx.pathParam("archiveId"));
        if (archive == null) {
            error(ctx, 404, "archive not found");
            return;
        }
        json(ctx, 200, archive);
    }

    private void stopArchive(RoutingContext ctx) {
        JsonObject archive = archives.get(ctx.pathParam("archiveId"));
        if (archive == null) {
            error(ctx, 404, "archive not found");
            return;
        }
        if (!"started".equals(archive.getString("status")) && !"paused".equals(archive.getString("status"))) {
            error(ctx, 409, "archive is not being recorded");
            return;
        }
        long now = System.currentTimeMillis();
        archive.put("status", "stopped")
                .put("updatedAt", now)
                .put("duration", (int) ((now - archive.getLong("createdAt")) / 1000));
        json(ctx, 200, archive);
    }

    private void deleteArchive(RoutingContext ctx) {
        JsonObject archive = archives.get(ctx.pathParam("archiveId"));
        if (archive == null) {
            error(ctx, 404, "archive not found");
            return;
        }
        if ("started".equals(archive.getString("status")) || "paused".equals(archive.getString("status"))) {
            error(ctx, 409, "the status was not uploaded, available or deleted");
            return;
        }
        archive.put("status", "deleted").putNull("url");
        ctx.response().setStatusCode(204).end();
    }

    private void setArchiveLayout(RoutingContext ctx) {
        JsonObject archive = archives.get(ctx.pathParam("archiveId"));
        JsonObject body = body(ctx);
        if (archive == null) {
            error(ctx, 404, "archive not found");
            return;
        }
        if (body == null || body.getString("type") == null) {
            error(ctx, 400, "layout type is required");
            return;
        }
        archive.put("layout", body);
        json(ctx, 200, archive);
    }

    private void startBroadcast(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null || body.getString("sessionId") == null || body.getJsonObject("outputs") == null) {
            error(ctx, 400, "sessionId and outputs are required");
            return;
        }
        String sessionId = body.getString("sessionId");
        if (!canStart(ctx, sessionId, broadcasts, "already broadcasting")) {
            return;
        }
        String id = UUID.randomUUID().toString();
        JsonObject outputs = body.getJsonObject("outputs");
        JsonObject urls = new JsonObject();
        if (outputs.getJsonObject("hls") != null) {
            urls.put("hls", baseUrl + "/_files/" + id + "/playlist.m3u8");
        }
        JsonArray rtmp = new JsonArray();
        JsonArray requested = outputs.getJsonArray("rtmp", new JsonArray());
        for (int i = 0; i < requested.size(); i++) {
            JsonObject target = requested.getJsonObject(i);
            rtmp.add(new JsonObject().put("id", target.getString("id")).put("serverUrl", target.getString("serverUrl"))
                    .put("streamName", target.getString("streamName")).put("status", "connecting"));
        }
        urls.put("rtmp", rtmp);
        long now = System.currentTimeMillis();
        JsonObject broadcast = owned(new JsonObject()
                .put("id", id)
                .put("sessionId", sessionId))
                .put("createdAt", now)
                .put("updatedAt", now)
                .put("resolution", body.getString("resolution", "640x480"))
                .put("maxDuration", body.getInteger("maxDuration", 7200))
                .put("status", "started")
                .put("streamMode", body.getString("streamMode", "auto"))
                .put("broadcastUrls", urls);
        if (body.getJsonObject("layout") != null) {
            broadcast.put("layout", body.getJsonObject("layout"));
        }
        broadcasts.put(id, broadcast);
        json(ctx, 200, broadcast);
    }

    private void getBroadcast(RoutingContext ctx) {
        JsonObject broadcast = broadcasts.get(ctx.pathParam("broadcastId"));
        if (broadcast == null) {
            error(ctx, 404, "broadcast not found");
            return;
        }
        json(ctx, 200, broadcast);
    }

    private void stopBroadcast(RoutingContext ctx) {
        JsonObject broadcast = broadcasts.get(ctx.pathParam("broadcastId"));
        if (broadcast == null) {
            error(ctx, 404, "broadcast not found");
            return;
        }
        if (!"started".equals(broadcast.getString("status"))) {
            error(ctx, 409, "broadcast is not started");
            return;
        }
        broadcast.put("status", "stopped").put("updatedAt", System.currentTimeMillis());
        json(ctx, 200, broadcast);
    }

    private void setBroadcastLayout(RoutingContext ctx) {
        JsonObject broadcast = broadcasts.get(ctx.pathParam("broadcastId"));
        JsonObject body = body(ctx);
        if (broadcast == null) {
            error(ctx, 404, "broadcast not found");
            return;
        }
        if (body == null || body.getString("type") == null) {
            error(ctx, 400, "layout type is required");
            return;
        }
        broadcast.put("layout", body);
        json(ctx, 200, broadcast);
    }

    private void forceDisconnect(RoutingContext ctx) {
        Set<String> live = connections.get(ctx.pathParam("sessionId"));
        if (live == null || !live.remove(ctx.pathParam("connectionId"))) {
            error(ctx, 404, "connection not found");
            return;
        }
        ctx.response().setStatusCode(204).end();
    }

    private void muteAll(RoutingContext ctx) {
        if (!sessions.containsKey(ctx.pathParam("sessionId"))) {
            error(ctx, 404, "session not found");
            return;
        }
        json(ctx, 200, new JsonObject());
    }

    private void muteStream(RoutingContext ctx) {
        if (!sessions.containsKey(ctx.pathParam("sessionId"))) {
            error(ctx, 404, "session not found");
            return;
        }
        json(ctx, 200, new JsonObject());
    }

    private void signal(RoutingContext ctx) {
        if (!sessions.containsKey(ctx.pathParam("sessionId"))) {
            error(ctx, 404, "session not found");
            return;
        }
        String connectionId = ctx.pathParam("connectionId");
        if (connectionId != null && !connections.getOrDefault(ctx.pathParam("sessionId"), Set.of()).contains(connectionId)) {
            error(ctx, 404, "connection not found");
            return;
        }
        ctx.response().setStatusCode(204).end();
    }

    /**
     * A SIP call into a routed session, as the API places one: its token must be for that session, and the call
     * joins it as a connection of its own (which the test then reports, as the provider would).
     */
    private void dial(RoutingContext ctx) {
        JsonObject body = body(ctx);
        JsonObject sip = body == null ? null : body.getJsonObject("sip");
        String sessionId = body == null ? null : body.getString("sessionId");
        if (sip == null || sip.getString("uri") == null || sessionId == null || body.getString("token") == null) {
            error(ctx, 400, "sessionId, token and sip.uri are required");
            return;
        }
        JsonObject session = sessions.get(sessionId);
        if (session == null) {
            error(ctx, 404, "session not found");
            return;
        }
        if ("relayed".equals(session.getString("mediaMode"))) {
            error(ctx, 409, "SIP calls need a routed session");
            return;
        }
        String connectionId = UUID.randomUUID().toString();
        connections.computeIfAbsent(sessionId, k -> ConcurrentHashMap.newKeySet()).add(connectionId);
        json(ctx, 200, new JsonObject().put("id", UUID.randomUUID().toString()).put("connectionId", connectionId)
                .put("streamId", UUID.randomUUID().toString()));
    }

    /** The languages the API transcribes (those the contract names, at least). */
    private static final Set<String> CAPTION_LANGUAGES = Set.of("en-US", "en-AU", "en-GB", "es-US", "fr-FR", "de-DE",
            "it-IT", "pt-BR", "zh-CN", "ja-JP", "ko-KR", "hi-IN", "th-TH");

    /** Live captions of a routed session, one at a time per session, as the API allows. */
    private void startCaptions(RoutingContext ctx) {
        JsonObject body = body(ctx);
        String sessionId = body == null ? null : body.getString("sessionId");
        Integer maxDuration = body == null ? null : body.getInteger("maxDuration");
        if (sessionId == null || body.getString("token") == null || !CAPTION_LANGUAGES.contains(body.getString("languageCode"))
                || maxDuration != null && (maxDuration < 300 || maxDuration > 14400)) {
            error(ctx, 400, "sessionId, token, a supported languageCode and maxDuration 300..14400 are required");
            return;
        }
        JsonObject session = sessions.get(sessionId);
        if (session == null) {
            error(ctx, 404, "session not found");
            return;
        }
        if ("relayed".equals(session.getString("mediaMode"))) {
            error(ctx, 400, "captions need a routed session");
            return;
        }
        if (captions.containsValue(sessionId)) {
            error(ctx, 409, "captions are already started for this session");
            return;
        }
        String captionsId = UUID.randomUUID().toString();
        captions.put(captionsId, sessionId);
        json(ctx, 202, new JsonObject().put("captionsId", captionsId));
    }

    private void stopCaptions(RoutingContext ctx) {
        if (captions.remove(ctx.pathParam("captionsId")) == null) {
            error(ctx, 404, "captions not found");
            return;
        }
        ctx.response().setStatusCode(202).end();
    }

    private void playDtmf(RoutingContext ctx) {
        JsonObject body = body(ctx);
        String digits = body == null ? null : body.getString("digits");
        if (digits == null || !digits.matches("[0-9*#p]{1,64}")) {
            error(ctx, 400, "digits must be 1 to 64 of 0-9, *, # and p");
            return;
        }
        String connectionId = ctx.pathParam("connectionId");
        if (!sessions.containsKey(ctx.pathParam("sessionId")) || connectionId != null
                && !connections.getOrDefault(ctx.pathParam("sessionId"), Set.of()).contains(connectionId)) {
            error(ctx, 404, "session or connection not found");
            return;
        }
        ctx.response().setStatusCode(200).end();
    }

    /** Names the owner as each API does: OpenTok's numeric project, or Vonage's application. */
    private JsonObject owned(JsonObject resource) {
        if (vonage) {
            return resource.put("applicationId", apiKey);
        }
        return resource.put("projectId", Integer.parseInt(apiKey)).put("partnerId", Integer.parseInt(apiKey));
    }

    // ---- the admin API for tests -------------------------------------------------------------

    private void listRequests(RoutingContext ctx) {
        String pathContains = ctx.request().getParam("path");
        String method = ctx.request().getParam("method");
        JsonArray matching = new JsonArray();
        for (JsonObject request : requests) {
            if ((pathContains == null || request.getString("path").contains(pathContains))
                    && (method == null || request.getString("method").equalsIgnoreCase(method))) {
                matching.add(request);
            }
        }
        json(ctx, 200, matching);
    }

    private void reset(RoutingContext ctx) {
        requests.clear();
        faults.clear();
        ctx.response().setStatusCode(204).end();
    }

    private void addFault(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            error(ctx, 400, "a fault is a JSON object");
            return;
        }
        faults.add(new Fault(body.getString("pathContains", ""), body.getString("method"), body.getInteger("status", 0),
                body.getLong("delayMs", 0L), body.getBoolean("drop", false),
                new AtomicInteger(body.getInteger("times", Integer.MAX_VALUE))));
        ctx.response().setStatusCode(204).end();
    }

    private void setArchiveStatus(RoutingContext ctx) {
        JsonObject archive = archives.get(ctx.pathParam("archiveId"));
        JsonObject body = body(ctx);
        if (archive == null || body == null) {
            error(ctx, 404, "archive not found");
            return;
        }
        String status = body.getString("status");
        archive.put("status", status).put("updatedAt", System.currentTimeMillis());
        if (body.getValue("size") != null) {
            archive.put("size", body.getLong("size"));
        }
        if (body.getValue("duration") != null) {
            archive.put("duration", body.getInteger("duration"));
        }
        if ("available".equals(status)) {
            archive.put("url", baseUrl + "/_files/" + archive.getString("id") + "?expires="
                    + (Instant.now().getEpochSecond() + 600));
        } else {
            archive.putNull("url");
        }
        json(ctx, 200, archive);
    }

    private void addConnection(RoutingContext ctx) {
        JsonObject body = body(ctx);
        String connectionId = body == null ? null : body.getString("connectionId");
        if (connectionId == null) {
            connectionId = UUID.randomUUID().toString();
        }
        connections.computeIfAbsent(ctx.pathParam("sessionId"), k -> ConcurrentHashMap.newKeySet()).add(connectionId);
        json(ctx, 201, new JsonObject().put("connectionId", connectionId));
    }

    private void showSession(RoutingContext ctx) {
        JsonObject session = sessions.get(ctx.pathParam("sessionId"));
        if (session == null) {
            error(ctx, 404, "session not found");
            return;
        }
        JsonArray live = new JsonArray(new ArrayList<>(connections.getOrDefault(ctx.pathParam("sessionId"), Set.of())));
        json(ctx, 200, session.copy().put("connections", live));
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private interface Handler {
        void handle(RoutingContext ctx);
    }

    /** Records the request, applies a matching fault, checks the auth JWT, then answers. */
    private void guarded(RoutingContext ctx, Handler handler) {
        String path = ctx.request().path();
        JsonObject record = new JsonObject()
                .put("method", ctx.request().method().name())
                .put("path", path)
                .put("query", ctx.request().query())
                .put("at", Instant.now().toString());
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            JsonObject form = new JsonObject();
            ctx.request().formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
            record.put("form", form);
        } else if (ctx.body() != null && ctx.body().length() > 0) {
            try {
                record.put("body", ctx.body().asJsonObject());
            } catch (RuntimeException e) {
                record.put("rawBody", ctx.body().asString());
            }
        }
        boolean authorized = vonage ? authorizedApplication(ctx) : authorized(ctx.request().getHeader("X-OPENTOK-AUTH"));
        record.put("authorized", authorized);
        requests.add(record);
        ctx.put(RECORD, record);

        Fault fault = matchingFault(ctx.request().method().name(), path);
        if (fault != null && fault.drop()) {
            ctx.request().connection().close();
            return;
        }
        Runnable answer = () -> {
            if (!authorized) {
                error(ctx, vonage ? 401 : 403, vonage ? "Invalid or missing bearer token" : "Invalid or missing X-OPENTOK-AUTH token");
            } else if (fault != null && fault.status() > 0) {
                error(ctx, fault.status(), "injected fault");
            } else {
                handler.handle(ctx);
            }
        };
        if (fault != null && fault.delayMs() > 0) {
            vertx.setTimer(fault.delayMs(), id -> {
                if (!ctx.response().closed()) {
                    answer.run();
                }
            });
        } else {
            answer.run();
        }
    }

    private boolean authorized(String jwt) {
        if (jwt == null || jwt.isBlank()) {
            return false;
        }
        try {
            JwtClaims claims = authVerifier.processToClaims(jwt);
            return "project".equals(claims.getStringClaimValue("ist"));
        } catch (Exception e) {
            return false;
        }
    }

    /** A Vonage call: a valid bearer JWT of this application, on a path of this application. */
    private boolean authorizedApplication(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String project = ctx.pathParam("apiKey");
        if (header == null || !header.startsWith("Bearer ") || (project != null && !project.equals(apiKey))) {
            return false;
        }
        try {
            JwtClaims claims = authVerifier.processToClaims(header.substring(7).strip());
            return apiKey.equals(claims.getStringClaimValue("application_id"));
        } catch (Exception e) {
            return false;
        }
    }

    private Fault matchingFault(String method, String path) {
        for (Fault fault : faults) {
            if (path.contains(fault.pathContains()) && (fault.method() == null || fault.method().equalsIgnoreCase(method))
                    && fault.remaining().getAndDecrement() > 0) {
                return fault;
            }
        }
        return null;
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            return ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int intParam(RoutingContext ctx, String name, int defaultValue) {
        try {
            String value = ctx.request().getParam(name);
            return value == null ? defaultValue : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body instanceof JsonObject o ? o.encode() : ((JsonArray) body).encode());
    }

    private static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, new JsonObject().put("code", status).put("message", message));
    }

    private record Fault(String pathContains, String method, int status, long delayMs, boolean drop,
            AtomicInteger remaining) {
    }
}
