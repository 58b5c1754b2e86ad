package com.smarttelehealth.video.live;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.common.persistence.PipelinedPoolCreator;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.common.web.RetryableException;
import com.smarttelehealth.video.config.VideoCallConfig;
import com.smarttelehealth.video.event.EventStore;
import com.smarttelehealth.video.event.EventStore.Cursor;
import com.smarttelehealth.video.event.EventStore.FeedEvent;
import com.smarttelehealth.video.event.EventStore.FeedPage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * The live session feed of this replica. Whatever replica writes an event, the event writer's NOTIFY (V1.9.0)
 * reaches every replica's {@code LISTEN} at commit; the feed of that session then reads what its streams have not
 * had, in commit order, from the event table itself, and sends it. So a stream misses nothing and repeats
 * nothing, whichever replica wrote the event or serves the stream: a lost {@code LISTEN} connection reconnects
 * and reads again, a timer reads every few seconds anyway, and an event whose transaction is not yet settled
 * is read again a moment later.
 * <p>
 * One read per session at a time, from the oldest cursor of its streams; each stream takes what is past its own.
 * A stream's buffer is bounded: a reader too slow for it is closed, and resumes with {@code Last-Event-ID}.
 * At most {@link #MAX_STREAMS_PER_USER} streams per user on a replica.
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class);
    static final String CHANNEL = "session_event";
    static final int MAX_STREAMS_PER_USER = 5;
    /** Messages a stream may have waiting for a slow reader before it is closed. */
    static final int BUFFER = 256;
    private static final int PAGE = 200;
    private static final long UNSETTLED_RETRY_MILLIS = 50;

    private final EventStore events;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final Duration keepAlive;
    private final Map<Long, SessionFeed> feeds = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> streamsPerUser = new ConcurrentHashMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Counter tooSlow;
    private final Object listening = new Object();
    private PgSubscriber listener;
    private volatile boolean stopping;

    LiveFeed(EventStore events, Vertx vertx, MeterRegistry registry, VideoCallConfig config) {
        this.events = events;
        this.vertx = vertx;
        this.registry = registry;
        this.keepAlive = config.live().keepAlive();
        this.tooSlow = Counter.builder("videocall.live.closed.slow")
                .description("Live session feeds closed because their reader fell too far behind").register(registry);
    }

    void registerGauge(@Observes StartupEvent startup) {
        Gauge.builder("videocall.live.subscribers", subscribers, AtomicInteger::get)
                .description("Open live session feeds on this replica").register(registry);
    }

    /**
     * A stream of the session's events after {@code from} (its head when empty: what happens next), for a caller
     * who may see the session; 429 beyond the caller's streams.
     */
    public Multi<LiveMessage> subscribe(long sessionPk, String userId, boolean operator, Optional<Cursor> from) {
        AtomicInteger open = streamsPerUser.computeIfAbsent(userId, u -> new AtomicInteger());
        if (open.incrementAndGet() > MAX_STREAMS_PER_USER) {
            open.decrementAndGet();
            throw new RetryableException(ProblemType.RATE_LIMITED,
                    "At most " + MAX_STREAMS_PER_USER + " live streams per user are open at once.", 5, null);
        }
        Cursor start;
        try {
            start = from.isPresent() ? from.get() : events.head().await().atMost(Duration.ofSeconds(5));
            listen();
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
        return Multi.createFrom().<LiveMessage> emitter(emitter -> {
            LiveSubscriber subscriber = new LiveSubscriber(userId, operator, start, emitter);
            SessionFeed feed = feeds.computeIfAbsent(sessionPk, SessionFeed::new);
            feed.add(subscriber);
            subscribers.incrementAndGet();
            long timer = vertx.setPeriodic(keepAlive.toMillis(), id -> subscriber.keepAlive());
            emitter.onTermination(() -> {
                vertx.cancelTimer(timer);
                feed.remove(subscriber);
                feeds.computeIfPresent(sessionPk, (pk, f) -> f.isEmpty() ? null : f);
                subscribers.decrementAndGet();
                open.decrementAndGet();
            });
            feed.wake();
        }).onOverflow().buffer(BUFFER)
                // too far behind: the stream ends as any stream ends (the client resumes with Last-Event-ID), with
                // nothing more held for it than the one message being written
                .onFailure(BackPressureFailure.class).invoke(behind -> {
                    tooSlow.increment();
                    LOG.debugf("A live stream of session %d fell %d messages behind its reader and was closed",
                            sessionPk, BUFFER);
                }).onFailure(BackPressureFailure.class).recoverWithCompletion();
    }

    /** An event of the session was committed, here or on another replica. */
    void wake(long sessionPk) {
        SessionFeed feed = feeds.get(sessionPk);
        if (feed != null) {
            feed.wake();
        }
    }

    /** Every open feed reads again: the safety net for a notification lost with a connection. */
    @Scheduled(every = "${videocall.live.poll:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void wakeAll() {
        feeds.values().forEach(SessionFeed::wake);
    }

    /** The {@code LISTEN} connection, made with the first stream and kept (it reconnects by itself when lost). */
    private void listen() {
        synchronized (listening) {
            if (listener != null) {
                return;
            }
            listener = PgSubscriber.subscriber(vertx, listenerOptions());
            listener.reconnectPolicy(attempt -> {
                if (stopping) {
                    return -1L;
                }
                if (attempt == 0) {
                    LOG.warn("The live feed lost its LISTEN connection to the database; reconnecting");
                }
                return 1000L;
            });
            listener.channel(CHANNEL).handler(payload -> {
                try {
                    wake(Long.parseLong(payload));
                } catch (NumberFormatException e) {
                    LOG.debugf("Ignoring a notification that names no session");
                }
            }).subscribeHandler(v -> wakeAll()) // (re)listening: read what may have been missed meanwhile
                    .exceptionHandler(failure -> LOG.debugf("The live feed's LISTEN connection: %s", failure.getMessage()));
            connect();
        }
    }

    private void connect() {
        listener.connect().onFailure(failure -> {
            LOG.debugf("The live feed could not LISTEN yet (%s); trying again", failure.getMessage());
            vertx.setTimer(1000, id -> {
                synchronized (listening) {
                    if (!stopping && listener != null && listener.closed()) {
                        connect();
                    }
                }
            });
        });
    }

    /** The reactive pool's database, as encrypted as it (PipelinedPoolCreator), under a name of its own. */
    private static PgConnectOptions listenerOptions() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        PgConnectOptions options = PgConnectOptions.fromUri(config.getValue("quarkus.datasource.reactive.url", String.class));
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        options.addProperty("application_name",
                config.getOptionalValue("quarkus.application.name", String.class).orElse("video-service") + "-live");
        return PipelinedPoolCreator.withTls(options);
    }

    /** Stops listening before the database may go (in dev mode and tests, its embedded server stops with the JVM). */
    void stop(@Observes ShutdownEvent shutdown) {
        close();
    }

    @PreDestroy
    void close() {
        stopping = true;
        synchronized (listening) {
            if (listener != null) {
                listener.close();
                listener = null;
            }
        }
        feeds.values().forEach(SessionFeed::endAll);
    }

    /** The open streams of one session on this replica, and its one read at a time. */
    private final class SessionFeed {
        private final long sessionPk;
        private final Set<LiveSubscriber> streams = ConcurrentHashMap.newKeySet();
        private boolean reading;
        private boolean again;

        SessionFeed(long sessionPk) {
            this.sessionPk = sessionPk;
        }

        void add(LiveSubscriber subscriber) {
            streams.add(subscriber);
        }

        void remove(LiveSubscriber subscriber) {
            streams.remove(subscriber);
        }

        boolean isEmpty() {
            return streams.isEmpty();
        }

        void endAll() {
            streams.forEach(LiveSubscriber::end);
        }

        /** Reads now, or right after the read under way. */
        void wake() {
            synchronized (this) {
                if (reading) {
                    again = true;
                    return;
                }
                reading = true;
                again = false;
            }
            read();
        }

        private void read() {
            Cursor from = streams.stream().filter(s -> !s.isDone()).map(LiveSubscriber::cursor).min(Cursor::compareTo)
                    .orElse(null);
            if (from == null) {
                finished(false);
                return;
            }
            events.feed(sessionPk, from, PAGE).subscribe().with(this::deliver, failure -> {
                LOG.debugf("The live feed of session %d could not be read (%s); reading again shortly", sessionPk,
                        failure.getMessage());
                finished(false);
                vertx.setTimer(1000, id -> wake());
            });
        }

        private void deliver(FeedPage page) {
            for (FeedEvent event : page.events()) {
                streams.forEach(stream -> stream.deliver(event));
            }
            if (page.full() && !page.unsettled()) {
                read();
                return;
            }
            finished(page.unsettled());
        }

        private void finished(boolean unsettled) {
            boolean more;
            synchronized (this) {
                more = again;
                again = false;
                reading = more;
            }
            if (more) {
                read();
            } else if (unsettled) {
                vertx.setTimer(UNSETTLED_RETRY_MILLIS, id -> wake());
            }
        }
    }
}
