package com.smarttelehealth.video.moderation;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.Bodies;
import com.smarttelehealth.video.moderation.ModerationRequests.MuteAll;
import com.smarttelehealth.video.moderation.ModerationRequests.Signal;

import io.quarkus.security.Authenticated;

@Path("/api/videocall/sessions/{sessionId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Moderation")
@SecurityRequirement(name = "jwt")
public class ModerationResource {

    private final ModerationService service;
    private final Caller caller;

    ModerationResource(ModerationService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @DELETE
    @Path("connections/{connectionId}")
    @Operation(summary = "Force-disconnect a connection (provider participant, admin)")
    public Response forceDisconnect(@PathParam("sessionId") String sessionId,
            @PathParam("connectionId") String connectionId) {
        service.forceDisconnect(sessionId, connectionId, caller);
        return Response.noContent().build();
    }

    @POST
    @Path("mute")
    @Operation(summary = "Mute every stream but the excluded ones (provider participant, admin)")
    public Response muteAll(@PathParam("sessionId") String sessionId, @Valid MuteAll body) {
        service.muteAll(sessionId, body == null ? new MuteAll(null) : body, caller);
        return Response.noContent().build();
    }

    @POST
    @Path("streams/{streamId}/mute")
    @Operation(summary = "Mute one stream (provider participant, admin)")
    public Response muteStream(@PathParam("sessionId") String sessionId, @PathParam("streamId") String streamId) {
        service.muteStream(sessionId, streamId, caller);
        return Response.noContent().build();
    }

    @POST
    @Path("signals")
    @Operation(summary = "Send a signal to the session or one connection (any participant)")
    public Response signal(@PathParam("sessionId") String sessionId, @Valid Signal body) {
        service.signal(sessionId, Bodies.required(body), caller);
        return Response.noContent().build();
    }
}
