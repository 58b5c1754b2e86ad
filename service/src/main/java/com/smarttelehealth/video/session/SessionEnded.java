package com.smarttelehealth.video.session;

/**
 * Fired (synchronously, after the session is marked ended and committed) so that the features that
 * own live resources stop them: recordings, broadcasts, connections.
 */
public record SessionEnded(long sessionPk, String sessionId, String actorId, String reason) {
}
