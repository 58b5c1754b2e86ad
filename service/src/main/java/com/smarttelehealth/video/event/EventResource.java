package com.smarttelehealth.video.event;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.PageResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/videocall/sessions/{sessionId}/events")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Events")
@SecurityRequirement(name = "jwt")
public class EventResource {

    private final EventStore events;
    private final Caller caller;

    EventResource(EventStore events, Caller caller) {
        this.events = events;
        this.caller = caller;
    }

    /** Served on the I/O thread: one statement on the reactive pool. */
    @GET
    @Operation(summary = "A session's event log, oldest first (participants, admin, service)")
    public Uni<PageResponse<EventView>> list(@PathParam("sessionId") String sessionId, @QueryParam("type") String type,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest pageRequest = PageRequest.of(page, size);
        EventType eventType = parseType(type);
        return events.sessionPage(sessionId, caller, eventType, pageRequest)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("The session")));
    }

    /** The {@code ?type=} filter: null when absent, 400 when it names no event type. */
    static EventType parseType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        EventType eventType = EventType.fromValue(type);
        if (eventType == null) {
            throw ApiException.validation("type", "is not an event type");
        }
        return eventType;
    }
}
