package com.smarttelehealth.video.analytics;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/videocall/sessions/{sessionId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Analytics")
@SecurityRequirement(name = "jwt")
public class AnalyticsResource {

    private final AnalyticsService service;
    private final Caller caller;

    AnalyticsResource(AnalyticsService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("analytics")
    @Operation(summary = "The session's analytics (participants, admin, service)")
    public Uni<AnalyticsView> analytics(@PathParam("sessionId") String sessionId) {
        return service.analytics(sessionId, caller);
    }

    @POST
    @Path("quality")
    @Operation(summary = "Report a client's network quality sample (any participant): 202")
    public Response quality(@PathParam("sessionId") String sessionId, @Valid QualityRequest body) {
        service.report(sessionId, Bodies.required(body), caller);
        return Response.accepted().build();
    }
}
