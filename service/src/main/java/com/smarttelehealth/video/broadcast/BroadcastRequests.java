package com.smarttelehealth.video.broadcast;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.smarttelehealth.video.common.web.FieldError;
import com.smarttelehealth.video.recording.Layout;
import com.smarttelehealth.video.recording.Resolution;

/** Request bodies of the broadcasts API. */
public final class BroadcastRequests {

    public static final int MAX_RTMP = 5;
    public static final int DEFAULT_MAX_DURATION = 7200;

    private BroadcastRequests() {
    }

    public record Hls(Boolean dvr, Boolean lowLatency) {
        public boolean dvrOrFalse() {
            return Boolean.TRUE.equals(dvr);
        }

        public boolean lowLatencyOrFalse() {
            return Boolean.TRUE.equals(lowLatency);
        }
    }

    public record Rtmp(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "may hold letters, digits, '.', '-' and '_' only") String id,
            @NotBlank @Size(max = 2048) @Pattern(regexp = "(?i)rtmps?://\\S+", message = "must be an rtmp:// or rtmps:// URL") String serverUrl,
            @NotBlank @Size(max = 1024) String streamName) {

        @Override
        public String toString() {
            return "Rtmp[id=" + id + ", serverUrl=" + RtmpUrls.hostOf(serverUrl) + ", streamName=" + Broadcast.mask(streamName) + "]";
        }
    }

    public record StartBroadcast(
            @Valid Hls hls,
            @Size(max = MAX_RTMP, message = "at most 5 RTMP targets") List<@NotNull @Valid Rtmp> rtmp,
            String resolution,
            @Valid Layout layout,
            @Min(60) @Max(36000) Integer maxDurationSeconds) {

        public List<Rtmp> rtmpOrEmpty() {
            return rtmp == null ? List.of() : rtmp;
        }

        public int maxDurationOrDefault() {
            return maxDurationSeconds == null ? DEFAULT_MAX_DURATION : maxDurationSeconds;
        }

        public String resolutionOrDefault() {
            return resolution == null ? Resolution.DEFAULT : resolution;
        }

        public Layout layoutOrDefault() {
            return layout == null ? Layout.BEST_FIT : layout;
        }

        public List<FieldError> errors() {
            List<FieldError> errors = new ArrayList<>();
            if (hls == null && rtmpOrEmpty().isEmpty()) {
                errors.add(new FieldError("rtmp", "a broadcast needs HLS or at least one RTMP target"));
            }
            if (resolution != null && !Resolution.isAllowed(resolution)) {
                errors.add(new FieldError("resolution", "must be one of " + String.join(", ", Resolution.ALLOWED)));
            }
            if (layout != null) {
                errors.addAll(layout.errors("layout."));
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < rtmpOrEmpty().size(); i++) {
                Rtmp target = rtmpOrEmpty().get(i);
                if (target != null && target.id() != null && ids.contains(target.id())) {
                    errors.add(new FieldError("rtmp[" + i + "].id", "is used twice"));
                }
                if (target != null) {
                    ids.add(target.id());
                }
            }
            return errors;
        }
    }
}
