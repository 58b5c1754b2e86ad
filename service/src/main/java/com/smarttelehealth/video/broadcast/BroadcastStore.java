package com.smarttelehealth.video.broadcast;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

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

    private final EntityManager em;
    private final EventStore events;
    private final Clock clock;

    BroadcastStore(EntityManager em, EventStore events, Clock clock) {
        this.em = em;
        this.events = events;
        this.clock = clock;
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    /** A broadcast with the OpenTok id of its session. */
    public record Found(Broadcast broadcast, String sessionId) {
    }

    @Transactional
    public Optional<Found> find(String broadcastId) {
        return em.createQuery("select b, s.sessionId from Broadcast b, VideoSession s where b.sessionPk = s.id"
                + " and b.broadcastId = :id", Object[].class).setParameter("id", broadcastId).getResultList().stream()
                .findFirst().map(row -> new Found((Broadcast) row[0], (String) row[1]));
    }

    @Transactional
    public List<Broadcast> started(long sessionPk) {
        return em.createQuery("select b from Broadcast b where b.sessionPk = :s and b.status = :status",
                Broadcast.class).setParameter("s", sessionPk).setParameter("status", BroadcastStatus.STARTED)
                .getResultList();
    }

    @Transactional
    public List<Broadcast> page(long sessionPk, int offset, int size) {
        return em.createQuery("select b from Broadcast b where b.sessionPk = :s order by b.createdAt, b.id",
                Broadcast.class).setParameter("s", sessionPk).setFirstResult(offset).setMaxResults(size)
                .getResultList();
    }

    @Transactional
    public long count(long sessionPk) {
        return em.createQuery("select count(b) from Broadcast b where b.sessionPk = :s", Long.class)
                .setParameter("s", sessionPk).getSingleResult();
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
        em.persist(broadcast);
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
        Broadcast broadcast = em.find(Broadcast.class, broadcastPk, LockModeType.PESSIMISTIC_WRITE);
        apply(broadcast, next, rtmpStatuses, actorId, reason);
        return broadcast;
    }

    /**
     * Keeps who asks the provider to stop the broadcast and why, before it is asked: a report of the stop that
     * arrives before the stop's own answer (a callback) is credited to them.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void askStop(long broadcastPk, String actorId, String reason) {
        Broadcast broadcast = em.find(Broadcast.class, broadcastPk, LockModeType.PESSIMISTIC_WRITE);
        if (broadcast.status == BroadcastStatus.STARTED) {
            broadcast.stopAskedBy = actorId;
            broadcast.stopReason = reason;
        }
    }

    /** A status report from a callback; answers false for a broadcast we do not know. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean applyReport(String broadcastId, BroadcastStatus next, Map<String, String> rtmpStatuses) {
        Optional<Broadcast> found = em.createQuery("select b from Broadcast b where b.broadcastId = :id", Broadcast.class)
                .setParameter("id", broadcastId).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream().findFirst();
        found.ifPresent(broadcast -> apply(broadcast, next, rtmpStatuses, null, null));
        return found.isPresent();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Broadcast setLayout(long broadcastPk, Layout layout) {
        Broadcast broadcast = em.find(Broadcast.class, broadcastPk);
        broadcast.layoutType = layout.type().value();
        broadcast.layoutStylesheet = layout.stylesheetOrNull();
        broadcast.updatedAt = clock.instant();
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
        }
    }
}
