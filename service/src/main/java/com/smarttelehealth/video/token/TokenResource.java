package com.smarttelehealth.video.token;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.smarttelehealth.video.common.security.Caller;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/videocall/sessions/{sessionId}/token")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Tokens")
@SecurityRequirement(name = "jwt")
public class TokenResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final TokenService service;
    private final Caller caller;

    TokenResource(TokenService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Issue a client token for the caller's participation (never stored)")
    public Uni<Response> issue(@PathParam("sessionId") String sessionId, @Valid TokenRequest body) {
        return service.issue(sessionId, body == null ? TokenRequest.empty() : body, caller)
                .map(token -> Response.status(201).cacheControl(NO_STORE).header("Pragma", "no-cache").entity(token)
                        .build());
    }
}
