package com.smarttelehealth.video.session;

/** Fired after a participant is removed and committed, so that their live connections are cut. */
public record ParticipantRemoved(long sessionPk, String sessionId, String userId, String actorId) {
}
