package com.smarttelehealth.video.recording;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.smarttelehealth.video.common.web.FieldError;
import com.smarttelehealth.video.session.Participant;

/** Request and response bodies of the recordings API. */
public final class RecordingRequests {

    private RecordingRequests() {
    }

    public enum OutputMode {
        COMPOSED,
        INDIVIDUAL;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static OutputMode of(String value) {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
    }

    public enum StreamMode {
        AUTO,
        MANUAL;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static StreamMode of(String value) {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
    }

    public record StartRecording(
            @Size(max = 120) String name,
            Boolean hasAudio,
            Boolean hasVideo,
            OutputMode outputMode,
            String resolution,
            @Valid Layout layout,
            StreamMode streamMode) {

        public boolean audio() {
            return hasAudio == null || hasAudio;
        }

        public boolean video() {
            return hasVideo == null || hasVideo;
        }

        public OutputMode outputModeOrDefault() {
            return outputMode == null ? OutputMode.COMPOSED : outputMode;
        }

        public StreamMode streamModeOrDefault() {
            return streamMode == null ? StreamMode.AUTO : streamMode;
        }

        /** A composed recording without a layout gets bestFit; an individual one has none. */
        public Layout layoutOrDefault() {
            if (outputModeOrDefault() == OutputMode.INDIVIDUAL) {
                return null;
            }
            return layout == null ? Layout.BEST_FIT : layout;
        }

        public List<FieldError> errors() {
            List<FieldError> errors = new ArrayList<>();
            if (!audio() && !video()) {
                errors.add(new FieldError("hasVideo", "a recording needs audio or video"));
            }
            if (resolution != null && !Resolution.isAllowed(resolution)) {
                errors.add(new FieldError("resolution", "must be one of " + String.join(", ", Resolution.ALLOWED)));
            }
            if (outputModeOrDefault() == OutputMode.INDIVIDUAL && resolution != null) {
                errors.add(new FieldError("resolution", "applies to composed recordings only"));
            }
            if (layout != null) {
                if (outputModeOrDefault() == OutputMode.INDIVIDUAL) {
                    errors.add(new FieldError("layout", "applies to composed recordings only"));
                } else {
                    errors.addAll(layout.errors("layout."));
                }
            }
            return errors;
        }
    }

    /** A participant's own consent: each field left out keeps its value. */
    public record Consent(Boolean recording, Boolean broadcast) {
    }

    public record ConsentView(String userId, boolean recording, boolean broadcast, Instant updatedAt) {

        static ConsentView of(Participant participant) {
            return new ConsentView(participant.userId, participant.recordingConsent, participant.broadcastConsent,
                    participant.consentUpdatedAt);
        }
    }
}
