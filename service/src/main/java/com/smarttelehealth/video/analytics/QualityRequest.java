package com.smarttelehealth.video.analytics;

import java.time.Instant;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Size;

/** A client's network quality sample. A loss is a percentage; no figure is negative. */
public record QualityRequest(
        @Size(min = 1, max = 128) String connectionId,
        @DecimalMin("0") @DecimalMax("600000") Double roundTripMs,
        @DecimalMin("0") @DecimalMax("100") Double packetLossPercent,
        @DecimalMin("0") @DecimalMax("1000000") Double videoBitrateKbps,
        @DecimalMin("0") @DecimalMax("1000000") Double audioBitrateKbps,
        Instant measuredAt) {

    public boolean hasAFigure() {
        return roundTripMs != null || packetLossPercent != null || videoBitrateKbps != null || audioBitrateKbps != null;
    }
}
