package com.smarttelehealth.video.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One OpenTok session and what the platform linked it to. */
@Entity
@Table(name = "video_session")
public class VideoSession {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
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

    @Version
    public long version;

    @OneToMany(mappedBy = "session", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("addedAt, id")
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

    public Participant addParticipant(String userId, ParticipantRole role, String displayName, Instant now) {
        Participant participant = new Participant();
        participant.session = this;
        participant.userId = userId;
        participant.role = role;
        participant.displayName = displayName;
        participant.addedAt = now;
        participants.add(participant);
        return participant;
    }
}
