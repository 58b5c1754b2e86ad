package com.smarttelehealth.video.plan;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

import io.quarkus.security.Authenticated;

@Path("/api/videocall/entitlements/{userId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Plans")
@SecurityRequirement(name = "jwt")
public class EntitlementResource {

    private final EntitlementService service;
    private final Caller caller;

    EntitlementResource(EntitlementService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @PUT
    @RolesAllowed({ Caller.SERVICE, Caller.ADMIN })
    @Operation(summary = "Set a user's plan: premium, basic with monthlyMinutes, or none (service, admin)")
    public EntitlementView set(@PathParam("userId") String userId, @Valid EntitlementRequest body) {
        return service.set(userId, Bodies.required(body), caller);
    }

    @GET
    @Operation(summary = "A user's plan and this month's minutes (that user, service, admin)")
    public EntitlementView get(@PathParam("userId") String userId) {
        return service.view(userId, caller);
    }
}
