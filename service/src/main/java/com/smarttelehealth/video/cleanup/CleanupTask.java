package com.smarttelehealth.video.cleanup;

import java.util.Locale;

/** One step at the video provider that a committed change calls for, as the job takes it. */
public record CleanupTask(long id, long sessionPk, String sessionId, Kind kind, String targetId, String reason,
        String actorId, int attempts) {

    /** What the step does, and to what its {@code targetId} refers. */
    public enum Kind {
        /** Stop a recording (an archive id). */
        STOP_RECORDING,
        /** Stop a broadcast (a broadcast id). */
        STOP_BROADCAST,
        /** Cut a connection (a connection id). */
        DISCONNECT,
        /** Stop live captions (a captions id). */
        STOP_CAPTIONS;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
