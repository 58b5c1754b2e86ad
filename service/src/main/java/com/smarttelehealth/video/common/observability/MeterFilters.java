package com.smarttelehealth.video.common.observability;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/** Filters on the meters the platform registers for us. */
public class MeterFilters {

    /**
     * The Vert.x SQL client registers its gauges ({@code postgresql.queue.size}, {@code postgresql.current})
     * with the same name and tags for each of the reactive pool's connections; Micrometer keeps the first and
     * warned on every start that the others were ignored. One connection's figure says nothing about the pool's,
     * so the SQL client's gauges are left out; its timers and counters stay.
     */
    @Produces
    @Singleton
    MeterFilter sqlClientGauges() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return id.getType() == Meter.Type.GAUGE && "sql".equals(id.getTag("clientType"))
                        ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        };
    }
}
