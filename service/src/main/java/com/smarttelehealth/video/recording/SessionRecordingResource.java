package com.smarttelehealth.video.recording;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import com.smarttelehealth.video.common.web.FieldError;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.PageResponse;
import com.smarttelehealth.video.recording.RecordingRequests.Consent;
import com.smarttelehealth.video.recording.RecordingRequests.ConsentView;
import com.smarttelehealth.video.recording.RecordingRequests.StartRecording;

import io.quarkus.security.Authenticated;

@Path("/api/videocall/sessions/{sessionId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Recordings")
@SecurityRequirement(name = "jwt")
public class SessionRecordingResource {

    private final RecordingService service;
    private final Caller caller;

    SessionRecordingResource(RecordingService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("recordings")
    @Operation(summary = "Start recording (provider participant, service); every patient must have consented")
    public Response start(@PathParam("sessionId") String sessionId, @Valid StartRecording body) {
        RecordingView recording = service.start(sessionId, body == null ? empty() : body, caller);
        return Response.created(URI.create("/api/videocall/recordings/" + recording.recordingId()))
                .entity(recording).build();
    }

    @GET
    @Path("recordings")
    @Operation(summary = "A session's recordings, oldest first (participants, admin, service)")
    public PageResponse<RecordingView> list(@PathParam("sessionId") String sessionId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return service.list(sessionId, PageRequest.of(page, size), caller);
    }

    @PUT
    @Path("consent")
    @Operation(summary = "Give or withdraw your own consent to recording and to broadcasting (a field left out keeps"
            + " its value); a patient's withdrawal stops the recording or broadcast")
    public ConsentView setConsent(@PathParam("sessionId") String sessionId, @Valid Consent body) {
        Consent consent = Bodies.required(body);
        if (consent.recording() == null && consent.broadcast() == null) {
            throw ApiException.validation(List.of(new FieldError("recording", "or broadcast must be given"),
                    new FieldError("broadcast", "or recording must be given")));
        }
        return service.setConsent(sessionId, consent, caller);
    }

    @GET
    @Path("consent")
    @Operation(summary = "The recording and broadcast consent of every participant")
    public List<ConsentView> consents(@PathParam("sessionId") String sessionId) {
        return service.consents(sessionId, caller);
    }

    private static StartRecording empty() {
        return new StartRecording(null, null, null, null, null, null, null);
    }
}
