package com.smarttelehealth.video.cleanup;

import com.smarttelehealth.video.provider.Outcome;

/**
 * How a feature carries out one kind of clean-up step at the video provider. The queue ({@link ProviderCleanup})
 * owns this interface and knows no feature: each feature that records steps of a kind gives the one handler of
 * that kind, and the queue hands it the steps.
 */
public interface CleanupStep {

    /** The kind of step this handler carries out. */
    CleanupTask.Kind kind();

    /**
     * Carries the step out: found when it is done (also when there was nothing left to do), else what the
     * provider answered, to try again later. Never throws for a provider's answer.
     */
    Outcome<?> carryOut(CleanupTask task);
}
