package com.smarttelehealth.video.recording;

import java.net.URI;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import com.smarttelehealth.video.common.web.Bodies;

import io.quarkus.security.Authenticated;

@Path("/api/videocall/recordings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Recordings")
@SecurityRequirement(name = "jwt")
public class RecordingResource {

    private final RecordingService service;
    private final Caller caller;

    RecordingResource(RecordingService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("{recordingId}")
    @Operation(summary = "A recording, its status refreshed from OpenTok while it may still change")
    public RecordingView get(@PathParam("recordingId") String recordingId) {
        return service.get(recordingId, caller);
    }

    @POST
    @Path("{recordingId}/stop")
    @Operation(summary = "Stop a recording (idempotent)")
    public RecordingView stop(@PathParam("recordingId") String recordingId) {
        return service.stop(recordingId, caller);
    }

    @GET
    @Path("{recordingId}/download")
    @Operation(summary = "302 to the short-lived download URL of an available recording (participants, admin)",
            description = "A caller that asks for application/json (a browser, which cannot follow an authorised"
                    + " redirect to another origin) gets 200 {\"url\"} instead of the redirect.")
    public Response download(@PathParam("recordingId") String recordingId, @HeaderParam("Accept") String accept) {
        String url = service.downloadUrl(recordingId, caller);
        Response.ResponseBuilder answer = accept != null && accept.contains(MediaType.APPLICATION_JSON)
                ? Response.ok(Map.of("url", url))
                : Response.status(302).location(URI.create(url));
        return answer.cacheControl(CacheControl.valueOf("no-store")).build();
    }

    @DELETE
    @Path("{recordingId}")
    @Operation(summary = "Delete a stopped recording (provider participant, admin)")
    public Response delete(@PathParam("recordingId") String recordingId) {
        service.delete(recordingId, caller);
        return Response.noContent().build();
    }

    @PUT
    @Path("{recordingId}/layout")
    @Operation(summary = "Change the layout of a composed recording that is recording")
    public RecordingView layout(@PathParam("recordingId") String recordingId, @Valid Layout body) {
        return service.setLayout(recordingId, Bodies.required(body), caller);
    }
}
