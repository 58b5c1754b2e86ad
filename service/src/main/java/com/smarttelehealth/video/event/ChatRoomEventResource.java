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

/** The calls of a chat room, for its chat history: the events of the sessions linked to it that the caller may see. */
@Path("/api/videocall/chat-rooms/{chatRoomId}/events")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Events")
@SecurityRequirement(name = "jwt")
public class ChatRoomEventResource {

    private final EventStore events;
    private final Caller caller;

    ChatRoomEventResource(EventStore events, Caller caller) {
        this.events = events;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Events of the sessions linked to a chat room that the caller may see, by the rule of the session itself (404 when none)")
    public Uni<PageResponse<EventView>> list(@PathParam("chatRoomId") String chatRoomId, @QueryParam("type") String type,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest pageRequest = PageRequest.of(page, size);
        return events.chatRoomPage(chatRoomId, caller, EventResource.parseType(type), pageRequest)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("The chat room")));
    }
}
