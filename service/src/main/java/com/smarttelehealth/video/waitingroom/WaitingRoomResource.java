package com.smarttelehealth.video.waitingroom;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.PageResponse;

import io.quarkus.security.Authenticated;

/** A session's virtual waiting room: check-in, the queue, and the provider's decisions. */
@Path("/api/videocall/sessions/{sessionId}/waiting-room")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Waiting room")
@SecurityRequirement(name = "jwt")
public class WaitingRoomResource {

    /** A decline's body, optional: why, for the patient's app to show. */
    public record Decline(@Size(max = 200) String reason) {
    }

    private final WaitingRoomService service;
    private final Caller caller;

    WaitingRoomResource(WaitingRoomService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Check in, for yourself (a patient or observer participant): 202 waiting, 200 when admitted"
            + " or in a session without a waiting room")
    public Response checkIn(@PathParam("sessionId") String sessionId) {
        WaitingRoomService.CheckIn checkIn = service.checkIn(sessionId, caller);
        return Response.status(checkIn.waiting() ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(checkIn.entry()).build();
    }

    @GET
    @Operation(summary = "The waiting room, oldest first (provider participants, admin, service: every entry;"
            + " a patient or observer: their own)")
    public PageResponse<WaitingEntryView> list(@PathParam("sessionId") String sessionId,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return service.list(sessionId, PageRequest.of(page, size), caller);
    }

    @POST
    @Path("{userId}/admit")
    @Operation(summary = "Admit a patient or observer, checked in or not (provider participant, service)")
    public WaitingEntryView admit(@PathParam("sessionId") String sessionId, @PathParam("userId") String userId) {
        return service.decide(sessionId, userId, WaitingStatus.ADMITTED, null, caller);
    }

    @POST
    @Path("{userId}/decline")
    @Operation(summary = "Decline a patient or observer, with an optional reason (provider participant, service)")
    public WaitingEntryView decline(@PathParam("sessionId") String sessionId, @PathParam("userId") String userId,
            @Valid Decline body) {
        String reason = body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
        return service.decide(sessionId, userId, WaitingStatus.DECLINED, reason, caller);
    }

    @POST
    @Path("{userId}/send-back")
    @Operation(summary = "Send an admitted patient or observer back to wait; their live connections are cut"
            + " (provider participant, service)")
    public WaitingEntryView sendBack(@PathParam("sessionId") String sessionId, @PathParam("userId") String userId) {
        return service.decide(sessionId, userId, WaitingStatus.SENT_BACK, null, caller);
    }
}
