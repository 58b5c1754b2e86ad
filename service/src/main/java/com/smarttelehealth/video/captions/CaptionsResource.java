package com.smarttelehealth.video.captions;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.smarttelehealth.video.common.security.Caller;

import io.quarkus.security.Authenticated;

/** Live captions by their id: stopped. */
@Path("/api/videocall/captions/{captionsId}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Live captions")
@SecurityRequirement(name = "jwt")
public class CaptionsResource {

    private final CaptionsService service;
    private final Caller caller;

    CaptionsResource(CaptionsService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("stop")
    @Operation(summary = "Stop live captions (provider participants, whoever started them, service)")
    public CaptionsView stop(@PathParam("captionsId") String captionsId) {
        return service.stop(captionsId, caller);
    }
}
