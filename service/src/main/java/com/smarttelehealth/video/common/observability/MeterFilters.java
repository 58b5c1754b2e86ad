package com.smarttelehealth.video.common.observability;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/** Filters on the meters the platform registers for us. */
public class MeterFilters {

    /**
     * The Vert.x SQL client registers a {@code postgresql.queue.size} gauge with the same name and tags for
     * each of the reactive pool's connections; Micrometer keeps the first and warned on every start that the
     * others were ignored. One connection's queue says nothing about the pool's, so the gauge is left out.
     */
    @Produces
    @Singleton
    MeterFilter sqlClientQueueGauge() {
        return MeterFilter.deny(id -> id.getName().endsWith(".queue.size") && "sql".equals(id.getTag("clientType")));
    }
}
