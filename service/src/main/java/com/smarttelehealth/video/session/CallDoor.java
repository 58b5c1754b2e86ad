package com.smarttelehealth.video.session;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.smarttelehealth.video.cleanup.ProviderCleanup;
import com.smarttelehealth.video.common.observability.Logs;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Where a token's use is checked against its holder's right to be in the call, since the provider cannot revoke
 * a token it has signed: every connection the provider reports ({@code connectionCreated}) comes through here.
 * One rule decides, the database's {@code connection_refusal}: the session must be active and the user one of
 * its participants (the waiting room and invites add reasons to that rule, not a rule beside it). A connection
 * that may not be there is cut through the durable clean-up, recorded with the refusal, and started at once
 * beside the answer.
 */
@ApplicationScoped
public class CallDoor {

    private static final Logger LOG = Logger.getLogger(CallDoor.class);

    private final SessionKeys keys;
    private final SessionStore sessions;
    private final ProviderCleanup cleanup;

    CallDoor(SessionKeys keys, SessionStore sessions, ProviderCleanup cleanup) {
        this.keys = keys;
        this.sessions = sessions;
        this.cleanup = cleanup;
    }

    /**
     * Checks a connection the provider reported for {@code userId} (null when its data is not ours); answers the
     * reason it was refused, if it was. Whoever may be there costs one statement on the I/O thread; a refusal is
     * then recorded with its step in one transaction, and the cut tried at once, on a worker. Safe to repeat: a
     * redelivered report refuses and cuts nothing twice.
     */
    public Uni<Optional<String>> check(String sessionId, String connectionId, String userId) {
        return sessions.refusal(sessionId, userId).flatMap(reason -> reason.isEmpty()
                ? Uni.createFrom().item(reason)
                : VertxContextSupport.executeBlocking(() -> refuse(sessionId, connectionId, userId)));
    }

    private Optional<String> refuse(String sessionId, String connectionId, String userId) {
        Optional<Long> sessionPk = keys.pkOf(sessionId);
        if (sessionPk.isEmpty()) {
            return Optional.empty();
        }
        // asked again in the refusal's own transaction: the answer stands only as it is recorded
        Optional<String> refused = sessions.checkAtTheDoor(sessionPk.get(), connectionId, userId);
        refused.ifPresent(reason -> {
            LOG.infof("Session %s: connection %s of %s refused at the door (%s); cutting it", sessionId,
                    Logs.safe(connectionId), Logs.safe(userId), reason);
            cleanup.startFor(sessionPk.get());
        });
        return refused;
    }
}
