package com.smarttelehealth.video.plan;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.ProblemType;
import com.smarttelehealth.video.event.EventLog;
import com.smarttelehealth.video.event.EventType;
import com.smarttelehealth.video.opentok.OpenTokClient;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Cuts the live connections of basic-plan patients whose minutes have run out. Each connection is
 * claimed in the database before OpenTok is asked to disconnect it, so that with several replicas
 * (or two runs at once) each connection is disconnected once; a claim whose disconnect failed is
 * released for the next run.
 */
@ApplicationScoped
public class QuotaEnforcementJob {

    private static final Logger LOG = Logger.getLogger(QuotaEnforcementJob.class);

    private final EntityManager em;
    private final EntitlementService entitlements;
    private final OpenTokClient openTok;
    private final EventLog events;
    private final Clock clock;

    QuotaEnforcementJob(EntityManager em, EntitlementService entitlements, OpenTokClient openTok, EventLog events,
            Clock clock) {
        this.em = em;
        this.entitlements = entitlements;
        this.openTok = openTok;
        this.events = events;
        this.clock = clock;
    }

    record OpenConnection(String connectionId, String userId, long sessionPk, String sessionId) {
    }

    @Scheduled(identity = "quota-enforcement", every = "${videocall.jobs.interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** One pass; answers how many connections this pass disconnected. */
    public int run() {
        Instant now = clock.instant();
        List<OpenConnection> exhausted = QuarkusTransaction.requiringNew().call(() -> exhaustedConnections(now));
        int disconnected = 0;
        for (OpenConnection connection : exhausted) {
            if (!claim(connection, now)) {
                continue; // another replica has it
            }
            try {
                openTok.forceDisconnect(connection.sessionId(), connection.connectionId());
            } catch (ApiException e) {
                if (e.type() != ProblemType.NOT_FOUND) {
                    LOG.warnf("Could not disconnect %s for exhausted minutes: %s", connection.connectionId(), e.getMessage());
                    QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "delete from quota_disconnect where connection_id = :id")
                            .setParameter("id", connection.connectionId()).executeUpdate());
                    continue;
                }
            }
            QuarkusTransaction.requiringNew().run(() -> events.entry(connection.sessionPk(), EventType.QUOTA_EXHAUSTED, null)
                    .connection(connection.connectionId()).detail("userId", connection.userId())
                    .once(EventLog.onceKey(EventType.QUOTA_EXHAUSTED, connection.connectionId())).record());
            LOG.infof("Disconnected %s: user %s has no video minutes left", connection.connectionId(), connection.userId());
            disconnected++;
        }
        return disconnected;
    }

    private List<OpenConnection> exhaustedConnections(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select c.connection_id, c.user_id, c.session_pk, s.session_id"
                + " from session_connection c join video_session s on s.id = c.session_pk"
                + " join entitlement e on e.user_id = c.user_id"
                + " where c.disconnected_at is null and c.role = 'patient' and s.type = 'consultation'"
                + " and e.plan = 'basic'"
                + " and not exists (select 1 from quota_disconnect q where q.connection_id = c.connection_id)")
                .getResultList();
        return rows.stream()
                .map(r -> new OpenConnection((String) r[0], (String) r[1], ((Number) r[2]).longValue(), (String) r[3]))
                .filter(c -> {
                    Entitlement basic = em.find(Entitlement.class, c.userId());
                    return entitlements.remainingSeconds(basic, now) <= 0;
                })
                .toList();
    }

    private boolean claim(OpenConnection connection, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("insert into quota_disconnect"
                + " (connection_id, user_id, session_pk, claimed_at) values (:id, :user, :session, :at)"
                + " on conflict (connection_id) do nothing")
                .setParameter("id", connection.connectionId()).setParameter("user", connection.userId())
                .setParameter("session", connection.sessionPk()).setParameter("at", now)
                .executeUpdate() == 1);
    }
}
