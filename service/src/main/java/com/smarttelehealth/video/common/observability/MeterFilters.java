package com.smarttelehealth.video.common.observability;

import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
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

    /**
     * The API's operations that have no path parameter: the only {@code uri} values under {@code /api/} that are
     * not templates. {@code MetricCardinalityTest} checks this list against the OpenAPI document.
     */
    public static final Set<String> PARAMETERLESS_ROUTES = Set.of("/api/videocall/sessions", "/api/videocall/health",
            "/api/videocall/webhooks/opentok", "/api/videocall/webhooks/vonage", "/api/videocall/invites/redeem");

    /**
     * Every request is tagged with its route template, or with a fixed value. The platform tags a request that
     * matched no template with its raw path when it was not a 404 (a method a route does not take, such as
     * {@code PATCH} or {@code OPTIONS} on {@code /api/videocall/sessions/{id}}): a scanner's random paths would then
     * fill Micrometer's cap of URI tags, after which the real endpoints' series are no longer recorded. Such a
     * raw path under {@code /api/} becomes {@code UNKNOWN}; outside it, only the platform's own routes (its
     * {@code /q/} endpoints and static files, a finite set) can appear, and unknown paths are already
     * {@code NOT_FOUND}.
     */
    @Produces
    @Singleton
    MeterFilter boundedUris() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("http.server.")) {
                    return id;
                }
                String uri = id.getTag("uri");
                if (uri == null || uri.contains("{") || !uri.startsWith("/api/") || PARAMETERLESS_ROUTES.contains(uri)) {
                    return id;
                }
                return id.replaceTags(id.getTags().stream()
                        .map(tag -> tag.getKey().equals("uri") ? Tag.of("uri", "UNKNOWN") : tag).toList());
            }
        };
    }
}
