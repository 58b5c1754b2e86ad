package com.smarttelehealth.video.broadcast;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.Bodies;
import com.smarttelehealth.video.recording.Layout;

import io.quarkus.security.Authenticated;

@Path("/api/videocall/broadcasts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Broadcasts")
@SecurityRequirement(name = "jwt")
public class BroadcastResource {

    private final BroadcastService service;
    private final Caller caller;

    BroadcastResource(BroadcastService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("{broadcastId}")
    @Operation(summary = "A broadcast")
    public BroadcastView get(@PathParam("broadcastId") String broadcastId) {
        return service.get(broadcastId, caller);
    }

    @POST
    @Path("{broadcastId}/stop")
    @Operation(summary = "Stop a broadcast (idempotent)")
    public BroadcastView stop(@PathParam("broadcastId") String broadcastId) {
        return service.stop(broadcastId, caller);
    }

    @PUT
    @Path("{broadcastId}/layout")
    @Operation(summary = "Change a started broadcast's layout")
    public BroadcastView layout(@PathParam("broadcastId") String broadcastId, @Valid Layout body) {
        return service.setLayout(broadcastId, Bodies.required(body), caller);
    }
}
