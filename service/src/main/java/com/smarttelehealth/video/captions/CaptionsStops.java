package com.smarttelehealth.video.captions;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.cleanup.CleanupStep;
import com.smarttelehealth.video.cleanup.CleanupTask;
import com.smarttelehealth.video.provider.Outcome;

/** The clean-up queue's stops of live captions (the session ended). */
@ApplicationScoped
class CaptionsStops implements CleanupStep {

    private final CaptionsService captions;

    CaptionsStops(CaptionsService captions) {
        this.captions = captions;
    }

    @Override
    public CleanupTask.Kind kind() {
        return CleanupTask.Kind.STOP_CAPTIONS;
    }

    @Override
    public Outcome<?> carryOut(CleanupTask task) {
        return captions.finishStop(task.targetId(), task.actorId(), task.reason());
    }
}
