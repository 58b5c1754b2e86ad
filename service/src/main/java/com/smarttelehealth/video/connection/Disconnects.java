package com.smarttelehealth.video.connection;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.cleanup.CleanupStep;
import com.smarttelehealth.video.cleanup.CleanupTask;
import com.smarttelehealth.video.provider.Outcome;

/** The clean-up queue's cuts of connections (a session ended, a removal, a refusal at the door, a send-back). */
@ApplicationScoped
class Disconnects implements CleanupStep {

    private final ConnectionService connections;

    Disconnects(ConnectionService connections) {
        this.connections = connections;
    }

    @Override
    public CleanupTask.Kind kind() {
        return CleanupTask.Kind.DISCONNECT;
    }

    @Override
    public Outcome<?> carryOut(CleanupTask task) {
        return connections.finishDisconnect(task.sessionId(), task.targetId());
    }
}
