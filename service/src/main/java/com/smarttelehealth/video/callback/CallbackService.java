package com.smarttelehealth.video.callback;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.broadcast.BroadcastService;
import com.smarttelehealth.video.callback.ProviderCallback.ArchiveStatus;
import com.smarttelehealth.video.callback.ProviderCallback.BroadcastStatus;
import com.smarttelehealth.video.callback.ProviderCallback.Connection;
import com.smarttelehealth.video.callback.ProviderCallback.Monitoring;
import com.smarttelehealth.video.common.observability.Logs;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.connection.ConnectionData;
import com.smarttelehealth.video.connection.ConnectionStore;
import com.smarttelehealth.video.captions.CaptionsService;
import com.smarttelehealth.video.captions.CaptionsStatus;
import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.phone.PhoneCallService;
import com.smarttelehealth.video.phone.PhoneCallStatus;
import com.smarttelehealth.video.provider.ArchiveInfo;
import com.smarttelehealth.video.recording.RecordingService;
import com.smarttelehealth.video.session.CallDoor;
import com.smarttelehealth.video.session.SessionKeys;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Applies OpenTok's callbacks to our data, each atomically: a connection or stream report, the most
 * frequent, in one statement on the I/O thread ({@link ConnectionStore}); an archive or broadcast
 * report in one transaction on a worker thread. Every effect is keyed by
 * OpenTok's own ids (an event happens once per type and id, connections and streams are upserted,
 * statuses only move forward), so that a redelivery, a late report or the same report on two
 * replicas has one effect. Every reported connection then goes through the {@link CallDoor}, which cuts one
 * whose holder may not be in the call any more; no other provider call is made here.
 */
@ApplicationScoped
public class CallbackService {

    private static final Logger LOG = Logger.getLogger(CallbackService.class);
    private static final Set<String> MONITORING = Set.of("connectionCreated", "connectionDestroyed", "streamCreated",
            "streamDestroyed", "sessionCreated", "sessionDestroyed", "sessionNotification", "callCreated", "callUpdated",
            "callDestroyed");
    /** The states of callUpdated that mean the phone answered. */
    private static final Set<String> ANSWERED = Set.of("answered", "connected", "established", "active");

    private final ObjectMapper json;
    private final SessionKeys sessions;
    private final CallDoor door;
    private final ConnectionStore reports;
    private final RecordingService recordings;
    private final BroadcastService broadcasts;
    private final PhoneCallService phones;
    private final CaptionsService captions;
    private final Clock clock;

    CallbackService(ObjectMapper json, SessionKeys sessions, CallDoor door, ConnectionStore reports,
            RecordingService recordings, BroadcastService broadcasts, PhoneCallService phones, CaptionsService captions,
            Clock clock) {
        this.phones = phones;
        this.captions = captions;
        this.json = json;
        this.sessions = sessions;
        this.door = door;
        this.reports = reports;
        this.recordings = recordings;
        this.broadcasts = broadcasts;
        this.clock = clock;
    }

    /** What kind of callback a body is, as the metric's {@code type} tag names it. */
    static String kind(JsonNode root) {
        String event = root.path("event").asText("");
        if (MONITORING.contains(event)) {
            return snake(event);
        }
        if (event.equals("archive")) {
            return "archive";
        }
        if (event.equals("broadcast") || root.has("broadcastUrls")) {
            return "broadcast";
        }
        if (root.has("captionId") || root.has("captionsId")) {
            return "captions";
        }
        return "unknown";
    }

    /**
     * Applies a verified callback; answers whether it changed anything (false: ignored, repeated, or for a
     * session we do not know). A callback that is not of its documented shape fails with 400.
     */
    public Uni<Boolean> apply(JsonNode root) {
        String kind = kind(root);
        try {
            return switch (kind) {
                case "archive" -> {
                    ArchiveStatus archive = json.treeToValue(root, ArchiveStatus.class);
                    yield VertxContextSupport.executeBlocking(() -> archive(archive));
                }
                case "broadcast" -> {
                    BroadcastStatus broadcast = json.treeToValue(root, BroadcastStatus.class);
                    yield VertxContextSupport.executeBlocking(() -> broadcast(broadcast));
                }
                case "captions" -> {
                    String captionsId = root.hasNonNull("captionId") ? root.path("captionId").asText()
                            : root.path("captionsId").asText();
                    CaptionsStatus status = captionsStatus(root.path("status").asText(""));
                    String reason = root.hasNonNull("reason") ? root.path("reason").asText() : null;
                    yield status == null || captionsId.isBlank() ? Uni.createFrom().item(false)
                            : VertxContextSupport.executeBlocking(() -> captions.reported(captionsId, status,
                                    reason == null || reason.length() <= 64 ? reason : reason.substring(0, 64)));
                }
                case "unknown" -> {
                    LOG.debugf("Ignoring a callback of unknown type '%s'", Logs.safe(root.path("event").asText("")));
                    yield Uni.createFrom().item(false);
                }
                default -> monitoring(json.treeToValue(root, Monitoring.class));
            };
        } catch (JsonProcessingException e) {
            throw ApiException.malformed("The callback is not of the documented shape.");
        }
    }

    private static CaptionsStatus captionsStatus(String status) {
        return switch (status.toLowerCase(java.util.Locale.ROOT)) {
            case "started" -> CaptionsStatus.STARTED;
            case "paused" -> CaptionsStatus.PAUSED;
            case "stopped" -> CaptionsStatus.STOPPED;
            case "failed" -> CaptionsStatus.FAILED;
            default -> null;
        };
    }

    private Uni<Boolean> monitoring(Monitoring callback) {
        if (blank(callback.sessionId())) {
            return Uni.createFrom().item(false);
        }
        Instant at = callback.timestamp() != null ? Instant.ofEpochMilli(callback.timestamp()) : clock.instant();
        return switch (callback.event()) {
            case "connectionCreated", "connectionDestroyed" -> connection(callback, at);
            case "streamCreated", "streamDestroyed" -> stream(callback, at);
            case "callCreated", "callUpdated", "callDestroyed" -> phoneCall(callback, at);
            default -> {
                LOG.debugf("Session %s: %s (%s)", Logs.safe(callback.sessionId()), Logs.safe(callback.event()),
                        Logs.safe(callback.reason()));
                yield Uni.createFrom().item(false);
            }
        };
    }

    private Uni<Boolean> connection(Monitoring callback, Instant at) {
        Connection connection = callback.connection();
        if (connection == null || blank(connection.id())) {
            throw ApiException.malformed("A connection callback needs connection.id.");
        }
        boolean created = callback.event().equals("connectionCreated");
        Instant connectedAt = connection.createdAt() != null ? Instant.ofEpochMilli(connection.createdAt()) : at;
        ConnectionData who = ConnectionData.parse(connection.data());
        String sessionId = callback.sessionId();
        if (!created) {
            return changed(sessionId, reports.disconnected(sessionId, connection.id(), who, connectedAt, at,
                    callback.reason()));
        }
        // every reported connection goes through the door, a redelivered report too: its check is idempotent, and
        // it is how a refusal that a crash interrupted is made after all
        return changed(sessionId, reports.connected(sessionId, connection.id(), who, connectedAt, callback.reason())
                .call(applied -> applied == EventStore.Applied.UNKNOWN_SESSION ? Uni.createFrom().voidItem()
                        : door.check(sessionId, connection.id(), who.userId())));
    }

    /**
     * A SIP call's lifecycle: answered, it is connected; destroyed, it ended (or failed, if it never connected:
     * the store decides from where it stood).
     */
    private Uni<Boolean> phoneCall(Monitoring callback, Instant at) {
        ProviderCallback.Call call = callback.call();
        String connectionId = call != null && call.connectionId() != null ? call.connectionId()
                : callback.connection() == null ? null : callback.connection().id();
        if ((call == null || blank(call.id())) && blank(connectionId)) {
            throw ApiException.malformed("A SIP call callback needs call.id or its connection's id.");
        }
        String callId = call == null ? null : call.id();
        String reason = call != null && call.reason() != null ? call.reason() : callback.reason();
        PhoneCallStatus status = switch (callback.event()) {
            case "callUpdated" -> call != null && call.state() != null
                    && ANSWERED.contains(call.state().toLowerCase(java.util.Locale.ROOT)) ? PhoneCallStatus.CONNECTED
                            : null;
            case "callDestroyed" -> PhoneCallStatus.ENDED;
            default -> null; // callCreated: dialling, as it was made
        };
        if (status == null) {
            return Uni.createFrom().item(false);
        }
        String sessionId = callback.sessionId();
        return VertxContextSupport.executeBlocking(() -> phones.reported(sessionId, callId, connectionId, status, at,
                reason == null ? null : reason.length() <= 64 ? reason : reason.substring(0, 64)));
    }

    private Uni<Boolean> stream(Monitoring callback, Instant at) {
        ProviderCallback.Stream stream = callback.stream();
        if (stream == null || blank(stream.id())) {
            throw ApiException.malformed("A stream callback needs stream.id.");
        }
        boolean created = callback.event().equals("streamCreated");
        Instant createdAt = stream.createdAt() != null ? Instant.ofEpochMilli(stream.createdAt()) : at;
        String connectionId = stream.connection() == null ? null : stream.connection().id();
        String videoType = stream.videoType() == null ? null : stream.videoType().toLowerCase(java.util.Locale.ROOT);
        String name = stream.name() == null || stream.name().length() <= 255 ? stream.name() : stream.name().substring(0, 255);
        String sessionId = callback.sessionId();
        return changed(sessionId, created ? reports.streamCreated(sessionId, stream.id(), connectionId, videoType,
                name, createdAt, callback.reason())
                : reports.streamDestroyed(sessionId, stream.id(), connectionId, videoType, name, createdAt, at,
                        callback.reason()));
    }

    private static Uni<Boolean> changed(String sessionId, Uni<EventStore.Applied> report) {
        return report.map(done -> {
            if (done == EventStore.Applied.UNKNOWN_SESSION) {
                LOG.debugf("Ignoring a callback for unknown session %s", Logs.safe(sessionId));
            }
            return done == EventStore.Applied.APPLIED;
        });
    }

    private boolean archive(ArchiveStatus callback) {
        if (blank(callback.id()) || blank(callback.status())) {
            throw ApiException.malformed("An archive callback needs id and status.");
        }
        Optional<Long> sessionPk = sessionPk(callback.sessionId());
        if (sessionPk.isEmpty()) {
            return false;
        }
        ArchiveInfo report = new ArchiveInfo(callback.id(), callback.sessionId(), callback.name(), callback.status(),
                "individual".equals(callback.outputMode()), callback.hasAudio() == null || callback.hasAudio(),
                callback.hasVideo() == null || callback.hasVideo(), callback.resolution(),
                "manual".equals(callback.streamMode()),
                callback.createdAt() == null ? clock.instant() : Instant.ofEpochMilli(callback.createdAt()),
                callback.duration() == null ? 0 : callback.duration(), callback.size() == null ? 0 : callback.size(),
                blank(callback.reason()) ? null : callback.reason(), null);
        recordings.applyReport(sessionPk.get(), report);
        return true;
    }

    private boolean broadcast(BroadcastStatus callback) {
        if (blank(callback.id()) || blank(callback.status())) {
            throw ApiException.malformed("A broadcast callback needs id and status.");
        }
        if (sessionPk(callback.sessionId()).isEmpty()) {
            return false;
        }
        Map<String, String> rtmp = new HashMap<>();
        if (callback.broadcastUrls() != null && callback.broadcastUrls().rtmp() != null) {
            for (ProviderCallback.RtmpTarget target : callback.broadcastUrls().rtmp()) {
                if (target != null && target.id() != null && target.status() != null) {
                    rtmp.put(target.id(), target.status().strip().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return broadcasts.applyReport(callback.id(), callback.status(), rtmp);
    }

    private Optional<Long> sessionPk(String sessionId) {
        if (blank(sessionId)) {
            return Optional.empty();
        }
        Optional<Long> pk = sessions.pkOf(sessionId);
        if (pk.isEmpty()) {
            LOG.debugf("Ignoring a callback for unknown session %s", Logs.safe(sessionId));
        }
        return pk;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
