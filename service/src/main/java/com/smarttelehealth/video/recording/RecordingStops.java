package com.smarttelehealth.video.recording;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.cleanup.CleanupStep;
import com.smarttelehealth.video.cleanup.CleanupTask;
import com.smarttelehealth.video.provider.Outcome;

/** The clean-up queue's stops of recordings (a session ended, consent withdrawn). */
@ApplicationScoped
class RecordingStops implements CleanupStep {

    private final RecordingService recordings;

    RecordingStops(RecordingService recordings) {
        this.recordings = recordings;
    }

    @Override
    public CleanupTask.Kind kind() {
        return CleanupTask.Kind.STOP_RECORDING;
    }

    @Override
    public Outcome<?> carryOut(CleanupTask task) {
        return recordings.finishStop(task.targetId(), task.actorId(), task.reason());
    }
}
