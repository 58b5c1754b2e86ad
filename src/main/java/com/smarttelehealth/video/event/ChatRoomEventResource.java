package com.smarttelehealth.video.event;

import java.util.List;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.Caller;
import com.smarttelehealth.video.common.PageRequest;
import com.smarttelehealth.video.common.PageResponse;

import io.quarkus.security.Authenticated;

/** The calls of a chat room, for its chat history: the events of every session linked to it. */
@Path("/api/videocall/chat-rooms/{chatRoomId}/events")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Events")
@SecurityRequirement(name = "jwt")
public class ChatRoomEventResource {

    private final EventRepository events;
    private final Caller caller;

    ChatRoomEventResource(EventRepository events, Caller caller) {
        this.events = events;
        this.caller = caller;
    }

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "Events of every session linked to a chat room (its participants, admin, service)")
    public PageResponse<EventView> list(@PathParam("chatRoomId") String chatRoomId, @QueryParam("type") String type,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest pageRequest = PageRequest.of(page, size);
        EventType eventType = EventResource.parseType(type);
        if (!caller.isOperator() && !events.takesPartInChatRoom(chatRoomId, caller.userId())) {
            throw ApiException.notFound("The chat room");
        }
        List<EventView> items = events.chatRoomPage(chatRoomId, eventType, pageRequest).stream()
                .map(row -> EventView.of((SessionEvent) row[0], (String) row[1])).toList();
        return new PageResponse<>(items, pageRequest.page(), pageRequest.size(),
                events.chatRoomCount(chatRoomId, eventType));
    }
}
