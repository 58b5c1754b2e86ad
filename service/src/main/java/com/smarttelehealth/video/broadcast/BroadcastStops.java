package com.smarttelehealth.video.broadcast;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.cleanup.CleanupStep;
import com.smarttelehealth.video.cleanup.CleanupTask;
import com.smarttelehealth.video.provider.Outcome;

/** The clean-up queue's stops of broadcasts (a session ended, consent withdrawn). */
@ApplicationScoped
class BroadcastStops implements CleanupStep {

    private final BroadcastService broadcasts;

    BroadcastStops(BroadcastService broadcasts) {
        this.broadcasts = broadcasts;
    }

    @Override
    public CleanupTask.Kind kind() {
        return CleanupTask.Kind.STOP_BROADCAST;
    }

    @Override
    public Outcome<?> carryOut(CleanupTask task) {
        return broadcasts.finishStop(task.targetId(), task.actorId(), task.reason());
    }
}
