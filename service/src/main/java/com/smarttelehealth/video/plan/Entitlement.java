package com.smarttelehealth.video.plan;

import java.time.Instant;

/** A user's video plan. */
public class Entitlement {

    public String userId;
    public Plan plan;
    /** Only for basic. */
    public Integer monthlyMinutes;
    public String updatedBy;
    public Instant updatedAt;
}
