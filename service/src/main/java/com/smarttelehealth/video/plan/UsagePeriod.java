package com.smarttelehealth.video.plan;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** A UTC calendar month, the period video minutes are counted in. */
public record UsagePeriod(YearMonth month) {

    public static UsagePeriod of(Instant at) {
        return new UsagePeriod(YearMonth.from(at.atZone(ZoneOffset.UTC)));
    }

    public Instant start() {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public Instant end() {
        return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** {@code 2026-11} */
    @Override
    public String toString() {
        return month.toString();
    }

    /** Whole minutes used, as the contract counts them: ceil(seconds / 60). */
    public static long minutes(long seconds) {
        return (seconds + 59) / 60;
    }
}
