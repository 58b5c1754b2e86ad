package com.smarttelehealth.video.session;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import com.smarttelehealth.video.common.web.Bodies;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.PageResponse;
import com.smarttelehealth.video.session.SessionRequests.AddParticipant;
import com.smarttelehealth.video.session.SessionRequests.CreateSession;
import com.smarttelehealth.video.session.SessionStore.SessionFilter;
import com.smarttelehealth.video.session.SessionStore.SessionPage;

import io.quarkus.security.Authenticated;

@Path("/api/videocall/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Sessions")
@SecurityRequirement(name = "jwt")
public class SessionResource {

    private final SessionService service;
    private final Caller caller;

    SessionResource(SessionService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({ Caller.PROVIDER, Caller.SERVICE })
    @Operation(summary = "Create a session, or reuse the active one of the same consultation or appointment")
    public Response create(@Valid CreateSession body) {
        SessionService.CreateResult result = service.create(Bodies.required(body), caller);
        if (!result.created()) {
            return Response.ok(result.session()).build();
        }
        return Response.created(URI.create("/api/videocall/sessions/" + result.session().sessionId()))
                .entity(result.session())
                .build();
    }

    @GET
    @Path("{sessionId}")
    @Operation(summary = "Get a session (participants, admin, service)")
    public SessionView get(@PathParam("sessionId") String sessionId) {
        return service.get(sessionId, caller);
    }

    @GET
    @Operation(summary = "List sessions: your own, or all for admin and service")
    public PageResponse<SessionView> list(@QueryParam("consultationId") String consultationId,
            @QueryParam("appointmentId") String appointmentId, @QueryParam("chatRoomId") String chatRoomId,
            @QueryParam("status") String status, @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest pageRequest = PageRequest.of(page, size);
        SessionFilter filter = new SessionFilter(blankToNull(consultationId), blankToNull(appointmentId),
                blankToNull(chatRoomId), parseStatus(status));
        SessionPage result = service.list(filter, pageRequest, caller);
        return new PageResponse<>(service.views(result.sessions()), pageRequest.page(), pageRequest.size(),
                result.total());
    }

    @DELETE
    @Path("{sessionId}")
    @Operation(summary = "End a session: stops recordings and broadcasts and disconnects everyone (idempotent)")
    public Response end(@PathParam("sessionId") String sessionId) {
        service.end(sessionId, caller);
        return Response.noContent().build();
    }

    @POST
    @Path("{sessionId}/participants")
    @Operation(summary = "Add a participant, or update an existing one's role and name")
    public Response addParticipant(@PathParam("sessionId") String sessionId, @Valid AddParticipant body) {
        SessionService.ParticipantResult result = service.addParticipant(sessionId, Bodies.required(body), caller);
        return Response.status(result.created() ? 201 : 200).entity(result.participant()).build();
    }

    @DELETE
    @Path("{sessionId}/participants/{userId}")
    @Operation(summary = "Remove a participant: their connections are cut and they get no more tokens")
    public Response removeParticipant(@PathParam("sessionId") String sessionId, @PathParam("userId") String userId) {
        service.removeParticipant(sessionId, userId, caller);
        return Response.noContent().build();
    }

    private static SessionStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return SessionStatus.of(status);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("status", "must be active or ended");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
