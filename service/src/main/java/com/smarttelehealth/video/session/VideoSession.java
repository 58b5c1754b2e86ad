package com.smarttelehealth.video.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One OpenTok session and what the platform linked it to. */
public class VideoSession {

    public Long id;

    /** The OpenTok session id: the id clients and the API use. */
    public String sessionId;
    public String name;
    public SessionType type;
    public SessionStatus status;
    public String consultationId;
    public String appointmentId;
    public String chatRoomId;
    public MediaMode mediaMode;
    public ArchiveMode archiveMode;
    public boolean e2ee;
    public boolean waitingRoom;
    public Instant windowStartsAt;
    public Instant windowEndsAt;
    public String createdBy;
    public Instant createdAt;
    public Instant endedAt;
    public String endReason;

    /** Counts the row's changes. */
    public long version;

    /** In the order they were added. */
    public List<Participant> participants = new ArrayList<>();

    public boolean isActive() {
        return status == SessionStatus.ACTIVE;
    }

    public boolean hasWindow() {
        return windowStartsAt != null && windowEndsAt != null;
    }

    public Optional<Participant> participant(String userId) {
        return participants.stream().filter(p -> p.userId.equals(userId)).findFirst();
    }
}
