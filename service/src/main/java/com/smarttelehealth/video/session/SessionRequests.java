package com.smarttelehealth.video.session;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the sessions API. */
public final class SessionRequests {

    private SessionRequests() {
    }

    public record CreateSession(
            @NotBlank @Size(max = 120) String name,
            SessionType type,
            @Size(min = 1, max = 64) String consultationId,
            @Size(min = 1, max = 64) String appointmentId,
            @Size(min = 1, max = 64) String chatRoomId,
            MediaMode mediaMode,
            ArchiveMode archiveMode,
            Boolean e2ee,
            Boolean waitingRoom,
            @Valid Window window,
            @Size(max = 50) List<@NotNull @Valid AddParticipant> participants) {

        public SessionType typeOrDefault() {
            return type == null ? SessionType.CONSULTATION : type;
        }

        public MediaMode mediaModeOrDefault() {
            return mediaMode == null ? MediaMode.ROUTED : mediaMode;
        }

        public ArchiveMode archiveModeOrDefault() {
            return archiveMode == null ? ArchiveMode.MANUAL : archiveMode;
        }

        public List<AddParticipant> participantsOrEmpty() {
            return participants == null ? List.of() : participants;
        }
    }

    public record Window(@NotNull Instant startsAt, @NotNull Instant endsAt) {
    }

    public record AddParticipant(
            @NotBlank @Size(max = 64) String userId,
            @NotNull ParticipantRole role,
            @Size(max = 120) String displayName) {
    }
}
