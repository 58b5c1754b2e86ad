package com.smarttelehealth.video.broadcast;

import java.net.URI;

import jakarta.validation.Valid;
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

import com.smarttelehealth.video.broadcast.BroadcastRequests.StartBroadcast;
import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.Bodies;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.PageResponse;

import io.quarkus.security.Authenticated;

@Path("/api/videocall/sessions/{sessionId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Broadcasts")
@SecurityRequirement(name = "jwt")
public class SessionBroadcastResource {

    private final BroadcastService service;
    private final Caller caller;

    SessionBroadcastResource(BroadcastService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("broadcasts")
    @Operation(summary = "Start a live broadcast to HLS and/or up to 5 RTMP targets (provider participant, service)")
    public Response start(@PathParam("sessionId") String sessionId, @Valid StartBroadcast body) {
        BroadcastView broadcast = service.start(sessionId, Bodies.required(body), caller);
        return Response.created(URI.create("/api/videocall/broadcasts/" + broadcast.broadcastId())).entity(broadcast)
                .build();
    }

    @GET
    @Path("broadcasts")
    @Operation(summary = "A session's broadcasts, oldest first")
    public PageResponse<BroadcastView> list(@PathParam("sessionId") String sessionId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return service.list(sessionId, PageRequest.of(page, size), caller);
    }
}
