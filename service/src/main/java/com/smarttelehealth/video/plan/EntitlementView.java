package com.smarttelehealth.video.plan;

/** A user's plan and this month's use of it. */
public record EntitlementView(String userId, Plan plan, Integer monthlyMinutes, String period, long minutesUsed,
        Long minutesRemaining) {
}
