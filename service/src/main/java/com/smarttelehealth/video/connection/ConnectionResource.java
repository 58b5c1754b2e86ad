package com.smarttelehealth.video.connection;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.smarttelehealth.video.common.security.Caller;

import io.quarkus.security.Authenticated;

@Path("/api/videocall/sessions/{sessionId}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Moderation")
@SecurityRequirement(name = "jwt")
public class ConnectionResource {

    private final ConnectionService service;
    private final Caller caller;

    ConnectionResource(ConnectionService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("connections")
    @Operation(summary = "The session's live connections with their streams (participants, admin, service)")
    public List<ConnectionView> live(@PathParam("sessionId") String sessionId) {
        return service.live(sessionId, caller);
    }
}
