package com.smarttelehealth.video.captions;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.PageResponse;

import io.quarkus.security.Authenticated;

/** A session's live captions: started and listed. */
@Path("/api/videocall/sessions/{sessionId}/captions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Live captions")
@SecurityRequirement(name = "jwt")
public class SessionCaptionsResource {

    /** The spoken language, the longest they may run, and whether words come before a phrase is done. */
    public record Start(@NotBlank @Size(max = 16) String languageCode, @Min(300) @Max(14400) Integer maxDurationSeconds,
            Boolean partialCaptions) {
    }

    private final CaptionsService service;
    private final Caller caller;

    SessionCaptionsResource(CaptionsService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Start live captions, one at a time per session, routed sessions only (any participant but"
            + " observers, service)")
    public Response start(@PathParam("sessionId") String sessionId, @Valid Start body) {
        if (body == null) {
            throw ApiException.validation("languageCode", "is required");
        }
        return Response.status(201).entity(service.start(sessionId, body.languageCode(), body.maxDurationSeconds(),
                body.partialCaptions(), caller)).build();
    }

    @GET
    @Operation(summary = "The session's captions, oldest first (participants, admin, service)")
    public PageResponse<CaptionsView> list(@PathParam("sessionId") String sessionId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return service.list(sessionId, PageRequest.of(page, size), caller);
    }
}
