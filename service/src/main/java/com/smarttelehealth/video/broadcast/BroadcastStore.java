package com.smarttelehealth.video.broadcast;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.common.persistence.Jdbc;
import com.smarttelehealth.video.common.persistence.LowercaseEnums;
import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.provider.BroadcastInfo;
import com.smarttelehealth.video.provider.BroadcastSpec;
import com.smarttelehealth.video.recording.Layout;

/**
 * The broadcasts' store: the only class that writes {@code broadcast}, each change with its events in one
 * transaction. A broadcast's status only moves forward (started, then stopped or failed, once); its RTMP
 * targets follow what the provider reports of each while it is started, and are all offline once it is not.
 */
@ApplicationScoped
public class BroadcastStore {

    /** The statuses the provider reports of an RTMP target. */
    static final Set<String> RTMP_STATUSES = Set.of("connecting", "live", "offline", "error");

    private static final String LOCKED = "select * from broadcast where id = :id for no key update";
    private static final TypeReference<List<Broadcast.RtmpTarget>> TARGETS = new TypeReference<>() {
    };

    private final Jdbc db;
    private final EventStore events;
    private final Clock clock;
    private final ObjectMapper json;

    BroadcastStore(Jdbc db, EventStore events, Clock clock, ObjectMapper json) {
        this.db = db;
        this.events = events;
        this.clock = clock;
        this.json = json;
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    /** A broadcast with the OpenTok id of its session. */
    public record Found(Broadcast broadcast, String sessionId) {
    }

    @Transactional
    public Optional<Found> find(String broadcastId) {
        return db.sql("select b.*, s.session_id from broadcast b join video_session s on s.id = b.session_pk"
                + " where b.broadcast_id = :id").bind("id", broadcastId)
                .first(row -> new Found(broadcast(row), row.string("session_id")));
    }

    @Transactional
    public List<Broadcast> started(long sessionPk) {
        return db.sql("select * from broadcast where session_pk = :s and status = 'started'").bind("s", sessionPk)
                .list(this::broadcast);
    }

    @Transactional
    public List<Broadcast> page(long sessionPk, int offset, int size) {
        return db.sql("select * from broadcast where session_pk = :s order by created_at, id"
                + " offset :offset limit :size")
                .bind("s", sessionPk).bind("offset", offset).bind("size", size).list(this::broadcast);
    }

    @Transactional
    public long count(long sessionPk) {
        return db.sql("select count(*) from broadcast where session_pk = :s").bind("s", sessionPk)
                .one(Jdbc.Row::firstLong);
    }

    // ---- writes ------------------------------------------------------------------------------------------------

    /** A broadcast the provider has just started for us, and its {@code broadcast_started}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Broadcast saveStarted(long sessionPk, BroadcastInfo info, List<BroadcastSpec.RtmpTarget> targets,
            String resolution, int maxDurationSeconds, Layout layout, boolean hls, String startedBy) {
        Instant now = clock.instant();
        Broadcast broadcast = new Broadcast();
        broadcast.broadcastId = info.id();
        broadcast.sessionPk = sessionPk;
        broadcast.status = BroadcastStatus.STARTED;
        broadcast.hlsUrl = info.hlsUrl();
        List<Broadcast.RtmpTarget> rtmp = new ArrayList<>();
        for (BroadcastSpec.RtmpTarget target : targets) {
            rtmp.add(new Broadcast.RtmpTarget(target.id(), RtmpUrls.redacted(target.serverUrl()), Broadcast.mask(target.streamName()),
                    "connecting"));
        }
        broadcast.rtmp = rtmp;
        broadcast.resolution = resolution;
        broadcast.maxDurationSeconds = maxDurationSeconds;
        broadcast.layoutType = layout.type().value();
        broadcast.layoutStylesheet = layout.stylesheetOrNull();
        broadcast.startedBy = startedBy;
        broadcast.createdAt = now;
        broadcast.updatedAt = now;
        broadcast.id = db.sql("insert into broadcast (broadcast_id, session_pk, status, hls_url, rtmp, resolution,"
                + " max_duration_seconds, layout_type, layout_stylesheet, started_by, created_at, updated_at)"
                + " values (:broadcastId, :session, :status, :hls, cast(:rtmp as jsonb), :resolution, :max,"
                + " :layoutType, :stylesheet, :startedBy, :at, :at) returning id")
                .bind("broadcastId", broadcast.broadcastId).bind("session", sessionPk)
                .bind("status", broadcast.status.value()).bind("hls", broadcast.hlsUrl)
                .bind("rtmp", targets(broadcast.rtmp)).bind("resolution", resolution).bind("max", maxDurationSeconds)
                .bind("layoutType", broadcast.layoutType).bind("stylesheet", broadcast.layoutStylesheet)
                .bind("startedBy", startedBy).bind("at", now).one(Jdbc.Row::firstLong);
        events.entry(sessionPk, EventType.BROADCAST_STARTED, startedBy).broadcast(info.id())
                .detail("hls", hls).detail("rtmpTargets", targets.size())
                .once(EventStore.onceKey(EventType.BROADCAST_STARTED, info.id())).record();
        return broadcast;
    }

    /**
     * What the provider reports of the broadcast: its status, and each RTMP target's (by target id; targets it
     * does not mention keep theirs). A stop is logged once, with who stopped it and why when this was our stop.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Broadcast apply(long broadcastPk, BroadcastStatus next, Map<String, String> rtmpStatuses, String actorId,
            String reason) {
        Broadcast broadcast = db.sql(LOCKED).bind("id", broadcastPk).one(this::broadcast);
        apply(broadcast, next, rtmpStatuses, actorId, reason);
        return broadcast;
    }

    /**
     * Keeps who asks the provider to stop the broadcast and why, before it is asked: a report of the stop that
     * arrives before the stop's own answer (a callback) is credited to them.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void askStop(long broadcastPk, String actorId, String reason) {
        db.sql("update broadcast set stop_asked_by = :actor, stop_reason = :reason where id = :id"
                + " and status = 'started'").bind("actor", actorId).bind("reason", reason).bind("id", broadcastPk)
                .update();
    }

    /** A status report from a callback; answers false for a broadcast we do not know. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean applyReport(String broadcastId, BroadcastStatus next, Map<String, String> rtmpStatuses) {
        Optional<Broadcast> found = db.sql("select * from broadcast where broadcast_id = :id for no key update")
                .bind("id", broadcastId).first(this::broadcast);
        found.ifPresent(broadcast -> apply(broadcast, next, rtmpStatuses, null, null));
        return found.isPresent();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Broadcast setLayout(long broadcastPk, Layout layout) {
        Broadcast broadcast = db.sql(LOCKED).bind("id", broadcastPk).one(this::broadcast);
        broadcast.layoutType = layout.type().value();
        broadcast.layoutStylesheet = layout.stylesheetOrNull();
        broadcast.updatedAt = clock.instant();
        save(broadcast);
        return broadcast;
    }

    private void apply(Broadcast broadcast, BroadcastStatus next, Map<String, String> rtmpStatuses, String actorId,
            String reason) {
        if (broadcast.status.canMoveTo(next)) {
            if (actorId == null && reason == null) {
                // a report of a stop we asked for, ahead of its answer: it is the asker's stop
                actorId = broadcast.stopAskedBy;
                reason = broadcast.stopReason;
            }
            broadcast.status = next;
            broadcast.updatedAt = clock.instant();
            broadcast.rtmp = broadcast.rtmp.stream()
                    .map(r -> new Broadcast.RtmpTarget(r.id(), r.serverUrl(), r.streamName(), "offline")).toList();
            save(broadcast);
            events.entry(broadcast.sessionPk, EventType.BROADCAST_STOPPED, actorId)
                    .broadcast(broadcast.broadcastId).detail("status", next.value()).detail("reason", reason)
                    .once(EventStore.onceKey(EventType.BROADCAST_STOPPED, broadcast.broadcastId)).record();
            return;
        }
        if (broadcast.status != BroadcastStatus.STARTED || rtmpStatuses.isEmpty()) {
            return; // a late report never brings a stopped broadcast's targets back
        }
        boolean changed = false;
        List<Broadcast.RtmpTarget> targets = new ArrayList<>();
        for (Broadcast.RtmpTarget target : broadcast.rtmp) {
            String reported = rtmpStatuses.get(target.id());
            if (reported != null && RTMP_STATUSES.contains(reported) && !reported.equals(target.status())) {
                targets.add(new Broadcast.RtmpTarget(target.id(), target.serverUrl(), target.streamName(), reported));
                changed = true;
            } else {
                targets.add(target);
            }
        }
        if (changed) {
            broadcast.rtmp = targets;
            broadcast.updatedAt = clock.instant();
            save(broadcast);
        }
    }

    /** Writes what a change of the broadcast can move: its status, its targets' statuses and its layout. */
    private void save(Broadcast broadcast) {
        db.sql("update broadcast set status = :status, rtmp = cast(:rtmp as jsonb), layout_type = :layoutType,"
                + " layout_stylesheet = :stylesheet, updated_at = :at where id = :id")
                .bind("status", broadcast.status.value()).bind("rtmp", targets(broadcast.rtmp))
                .bind("layoutType", broadcast.layoutType).bind("stylesheet", broadcast.layoutStylesheet)
                .bind("at", broadcast.updatedAt).bind("id", broadcast.id).update();
    }

    private String targets(List<Broadcast.RtmpTarget> targets) {
        try {
            return json.writeValueAsString(targets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("RTMP targets could not be written", e);
        }
    }

    private Broadcast broadcast(Jdbc.Row row) throws SQLException {
        Broadcast broadcast = new Broadcast();
        broadcast.id = row.longValue("id");
        broadcast.broadcastId = row.string("broadcast_id");
        broadcast.sessionPk = row.longValue("session_pk");
        broadcast.status = LowercaseEnums.parse(BroadcastStatus.class, row.string("status"));
        broadcast.hlsUrl = row.string("hls_url");
        try {
            broadcast.rtmp = json.readValue(row.string("rtmp"), TARGETS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable RTMP targets of broadcast " + broadcast.broadcastId, e);
        }
        broadcast.resolution = row.string("resolution");
        broadcast.maxDurationSeconds = row.intValue("max_duration_seconds");
        broadcast.layoutType = row.string("layout_type");
        broadcast.layoutStylesheet = row.string("layout_stylesheet");
        broadcast.startedBy = row.string("started_by");
        broadcast.createdAt = row.instant("created_at");
        broadcast.updatedAt = row.instant("updated_at");
        broadcast.stopAskedBy = row.string("stop_asked_by");
        broadcast.stopReason = row.string("stop_reason");
        return broadcast;
    }
}
