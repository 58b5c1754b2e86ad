package com.smarttelehealth.video.waitingroom;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.smarttelehealth.video.cleanup.ProviderCleanup;
import com.smarttelehealth.video.common.persistence.JobsDatabaseWatch;
import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.PageResponse;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.config.VideoCallConfig;
import com.smarttelehealth.video.session.Participant;
import com.smarttelehealth.video.session.ParticipantRole;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.VideoSession;
import com.smarttelehealth.video.token.AppointmentWindow;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The virtual waiting room. In a session created with one, its patients and observers check in and wait until a
 * provider (or the platform's backend) admits them; providers never wait. Admission is what the door
 * ({@code connection_refusal}) and the token check ask of such a participant: this class only records it.
 * <p>
 * {@code videocall_waiting_room_wait_seconds} times check-in to admission; {@code videocall_waiting_room_waiting}
 * counts the people waiting now in active sessions.
 */
@ApplicationScoped
public class WaitingRoomService {

    private final WaitingRoomStore store;
    private final SessionAccess access;
    private final ProviderCleanup cleanup;
    private final VideoCallConfig config;
    private final MeterRegistry registry;
    private final JobsDatabaseWatch watch;
    private final Clock clock;
    private final Timer waited;
    private final AtomicLong waitingNow = new AtomicLong();

    WaitingRoomService(WaitingRoomStore store, SessionAccess access, ProviderCleanup cleanup, VideoCallConfig config,
            MeterRegistry registry, JobsDatabaseWatch watch, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.access = access;
        this.cleanup = cleanup;
        this.config = config;
        this.registry = registry;
        this.watch = watch;
        this.waited = Timer.builder("videocall.waiting.room.wait")
                .description("Time from check-in to admission in a session's waiting room")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofHours(2)).register(registry);
    }

    void registerGauge(@Observes StartupEvent startup) {
        Gauge.builder("videocall.waiting.room.waiting", waitingNow, AtomicLong::get)
                .description("People waiting now in the waiting rooms of active sessions").register(registry);
    }

    @Scheduled(every = "${videocall.metrics.active-connections-refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshGauge() {
        watch.run("waiting-room-gauge", () -> waitingNow.set(store.waitingNow()));
    }

    /** What a check-in answers: the entry, and whether the caller waits (202) or is in (200). */
    public record CheckIn(WaitingEntryView entry, boolean waiting) {
    }

    /**
     * The caller checks in, for themself: a patient or observer participant of an active session, inside its
     * window. In a session without a waiting room they are admitted at once.
     */
    public CheckIn checkIn(String sessionId, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        Participant participant = session.participant(caller.userId()).orElseThrow(() -> ApiException.forbidden(
                "Admin and service accounts do not join calls, so they do not wait to."));
        if (!waits(participant.role)) {
            throw ApiException.forbidden("Providers never wait: they are in the call.");
        }
        requireActive(session);
        AppointmentWindow.of(session.windowStartsAt, session.windowEndsAt, config.window())
                .filter(window -> !window.isOpen(clock.instant())).ifPresent(window -> {
                    throw new ApiException(ProblemType.OUTSIDE_APPOINTMENT_WINDOW, "The waiting room of this"
                            + " appointment is open from " + window.opensAt() + " to " + window.closesAt() + ".");
                });
        if (!session.waitingRoom) {
            return new CheckIn(new WaitingEntryView(participant.userId, nameOf(participant), participant.role,
                    WaitingStatus.ADMITTED, null, null, null, null, null), false);
        }
        WaitingEntryView entry = store.checkIn(session.id, caller.userId()).orElseThrow(() -> gone()).entry();
        return new CheckIn(entry, entry.status() == WaitingStatus.WAITING);
    }

    /** Every entry, oldest first, for the session's providers and the operators; a patient or observer their own. */
    public PageResponse<WaitingEntryView> list(String sessionId, PageRequest page, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        String only = caller.isOperator() || access.isProvider(session, caller) ? null : caller.userId();
        List<WaitingEntryView> items = store.entries(session.id, only, page.offset(), page.size());
        return new PageResponse<>(items, page.page(), page.size(), store.count(session.id, only));
    }

    /** Admits, declines or sends back a patient or observer participant (a provider participant, service). */
    public WaitingEntryView decide(String sessionId, String userId, WaitingStatus decision, String reason,
            Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        if (!caller.isService() && !access.isProvider(session, caller)) {
            throw ApiException.forbidden("Only the session's providers and service admit, decline or send back.");
        }
        Participant participant = session.participant(userId).filter(p -> waits(p.role))
                .orElseThrow(() -> ApiException.notFound("The patient or observer"));
        requireActive(session);
        if (!session.waitingRoom) {
            throw ApiException.conflict(ProblemType.CONFLICT, "This session has no waiting room: its people are in.");
        }
        WaitingRoomStore.Decided decided = store.decide(session.id, participant.userId, decision, caller.userId(),
                reason).orElseThrow(() -> gone());
        if (decided.changed() && decision == WaitingStatus.ADMITTED && decided.entry().waitedSeconds() != null) {
            waited.record(Duration.ofSeconds(decided.entry().waitedSeconds()));
        }
        if (decided.changed() && decision != WaitingStatus.ADMITTED) {
            cleanup.startFor(session.id); // a cut recorded with the decision, started at once beside the answer
        }
        return decided.entry();
    }

    private static boolean waits(ParticipantRole role) {
        return role == ParticipantRole.PATIENT || role == ParticipantRole.OBSERVER;
    }

    private static String nameOf(Participant participant) {
        return participant.displayName != null ? participant.displayName : participant.userId;
    }

    private static void requireActive(VideoSession session) {
        if (!session.isActive()) {
            throw ApiException.conflict(ProblemType.SESSION_ENDED, "The session has ended.");
        }
    }

    private static ApiException gone() {
        return ApiException.notFound("The participant"); // removed meanwhile
    }
}
