package com.smarttelehealth.video.live;

import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.event.EventStore.Cursor;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.VideoSession;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

/**
 * The live feed of a session, as Server-Sent Events: each message one event of the session, as the events page
 * shows it ({@code id:} its cursor, {@code event:} its type). Who may open it is who may read the events page,
 * decided before anything is read.
 */
@Path("/api/videocall/sessions/{sessionId}/live")
@Authenticated
@Tag(name = "Events")
@SecurityRequirement(name = "jwt")
public class LiveResource {

    private final LiveFeed feed;
    private final SessionAccess access;
    private final Caller caller;

    LiveResource(LiveFeed feed, SessionAccess access, Caller caller) {
        this.feed = feed;
        this.access = access;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "The session's events as they happen, Server-Sent Events (participants, admin, service);"
            + " Last-Event-ID resumes after that event, with no gap and no repeat")
    public Multi<OutboundSseEvent> live(@PathParam("sessionId") String sessionId,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        VideoSession session = access.visible(sessionId, caller);
        Optional<Cursor> from = Optional.empty();
        if (lastEventId != null && !lastEventId.isBlank()) {
            from = Optional.of(Cursor.parse(lastEventId.strip()).orElseThrow(() -> ApiException.validation(
                    "Last-Event-ID", "is not an event id of this feed")));
        } else if (!session.isActive()) {
            return Multi.createFrom().empty(); // nothing happens in an ended session any more
        }
        return feed.subscribe(session.id, caller.userId(), caller.isOperator(), from).map(message -> message.isKeepAlive()
                ? sse.newEventBuilder().comment("keep-alive").build()
                : sse.newEventBuilder().id(message.id()).name(message.event().type().value())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(message.event()).build());
    }
}
