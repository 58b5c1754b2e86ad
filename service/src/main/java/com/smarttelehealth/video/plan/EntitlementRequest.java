package com.smarttelehealth.video.plan;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code {"plan": "premium" | "basic" | "none", "monthlyMinutes": 120}}; minutes only for basic. */
public record EntitlementRequest(@NotNull Plan plan, @Min(0) @Max(1_000_000) Integer monthlyMinutes) {
}
