package com.smarttelehealth.video.invite;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Redeeming an invite (its code is the guest's only credential) and revoking one. */
@Path("/api/videocall/invites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Guest invites")
public class InviteResource {

    /** The code from the invite link, and the name the guest gives. */
    public record Redeem(@NotBlank @Size(max = 100) String code, @NotBlank @Size(max = 120) String displayName) {

        /** Never the code, should a body end up in a log line. */
        @Override
        public String toString() {
            return "Redeem[displayName=" + displayName + "]";
        }
    }

    private final InviteService service;
    private final Caller caller;

    InviteResource(InviteService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("redeem")
    @PermitAll
    @Blocking
    @Operation(summary = "Redeem an invite's code, without a JWT: the guest joins the session and gets a client"
            + " token (at most 10 attempts a minute per client address)")
    public Uni<Response> redeem(@Valid Redeem body, @Context HttpServerRequest request) {
        if (body == null) {
            throw ApiException.validation("code", "is required");
        }
        return service.redeem(body.code(), body.displayName(), request.remoteAddress().hostAddress())
                .map(token -> Response.status(201).cacheControl(CacheControl.valueOf("no-store"))
                        .header("Pragma", "no-cache").entity(token).build());
    }

    @DELETE
    @Path("{inviteId}")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Revoke an invite (its session's provider participants, admin, service); a redeemed"
            + " invite's guest is removed and cut off")
    public Response revoke(@PathParam("inviteId") String inviteId) {
        service.revoke(inviteId, caller);
        return Response.noContent().build();
    }
}
