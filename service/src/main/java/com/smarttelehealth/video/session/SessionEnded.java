package com.smarttelehealth.video.session;

/** A session that has just been ended, and by whom and why: what ending it answers once it has committed. */
public record SessionEnded(long sessionPk, String sessionId, String actorId, String reason) {
}
