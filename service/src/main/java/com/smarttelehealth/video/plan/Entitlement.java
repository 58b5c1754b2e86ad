package com.smarttelehealth.video.plan;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user's video plan. */
@Entity
@Table(name = "entitlement")
public class Entitlement {

    @Id
    public String userId;
    public Plan plan;
    /** Only for basic. */
    public Integer monthlyMinutes;
    public String updatedBy;
    public Instant updatedAt;
}
