package com.smarttelehealth.video.moderation;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the moderation API. */
public final class ModerationRequests {

    /** OpenTok's own signal limit on {@code data}: 8 KiB. */
    public static final int MAX_SIGNAL_DATA_BYTES = 8 * 1024;

    private ModerationRequests() {
    }

    public record MuteAll(@Size(max = 100) List<@NotBlank @Size(max = 128) String> excludedStreamIds) {
        public List<String> excludedOrEmpty() {
            return excludedStreamIds == null ? List.of() : excludedStreamIds;
        }
    }

    public record Signal(
            @NotBlank @Size(max = 128) String type,
            @NotNull String data,
            @Size(min = 1, max = 128) String connectionId) {
    }
}
