package com.smarttelehealth.video.invite;

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
import jakarta.ws.rs.core.CacheControl;
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

/** A session's guest invites: made by its providers, listed without their codes. */
@Path("/api/videocall/sessions/{sessionId}/invites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Guest invites")
@SecurityRequirement(name = "jwt")
public class SessionInviteResource {

    /** Who is invited, as the session will show them, and for how long the code may be redeemed. */
    public record CreateInvite(@NotBlank @Size(max = 120) String displayName,
            @Min(60) @Max(86400) Integer expiresInSeconds) {
    }

    private final InviteService service;
    private final Caller caller;

    SessionInviteResource(InviteService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Invite a guest without an account (provider participant, service); the code is in this"
            + " answer only")
    public Response create(@PathParam("sessionId") String sessionId, @Valid CreateInvite body) {
        if (body == null) {
            throw ApiException.validation("displayName", "is required");
        }
        InviteView.Created created = service.create(sessionId, body.displayName(), body.expiresInSeconds(), caller);
        return Response.status(201).cacheControl(CacheControl.valueOf("no-store")).entity(created).build();
    }

    @GET
    @Operation(summary = "The session's invites, oldest first, without codes (provider participants, admin, service)")
    public PageResponse<InviteView> list(@PathParam("sessionId") String sessionId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return service.list(sessionId, PageRequest.of(page, size), caller);
    }
}
