package com.smarttelehealth.video.session;

import java.time.Instant;
import java.util.List;

/** A session as the API shows it. */
public record SessionView(String sessionId, String apiKey, String name, SessionType type, SessionStatus status,
        String consultationId, String appointmentId, String chatRoomId, MediaMode mediaMode, ArchiveMode archiveMode,
        boolean e2ee, SessionRequests.Window window, boolean waitingRoom, String cleanup, String createdBy, Instant createdAt,
        Instant endedAt, List<ParticipantView> participants) {

    public record ParticipantView(String userId, ParticipantRole role, String displayName, Instant addedAt) {
        public static ParticipantView of(Participant participant) {
            return new ParticipantView(participant.userId, participant.role, participant.displayName, participant.addedAt);
        }
    }

    /** {@code cleanup} is {@code pending} while steps at the provider are left to do, else {@code done}. */
    public static SessionView of(VideoSession session, String apiKey, boolean cleanupPending) {
        SessionRequests.Window window = session.hasWindow()
                ? new SessionRequests.Window(session.windowStartsAt, session.windowEndsAt)
                : null;
        return new SessionView(session.sessionId, apiKey, session.name, session.type, session.status,
                session.consultationId, session.appointmentId, session.chatRoomId, session.mediaMode,
                session.archiveMode, session.e2ee, window, session.waitingRoom, cleanupPending ? "pending" : "done", session.createdBy,
                session.createdAt, session.endedAt,
                session.participants.stream().map(ParticipantView::of).toList());
    }
}
