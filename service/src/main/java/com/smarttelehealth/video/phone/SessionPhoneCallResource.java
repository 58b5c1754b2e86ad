package com.smarttelehealth.video.phone;

import jakarta.validation.Valid;
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

/** A session's phone calls: dialled through the SIP gateway, listed with numbers masked. */
@Path("/api/videocall/sessions/{sessionId}/phone-calls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Phone calls")
@SecurityRequirement(name = "jwt")
public class SessionPhoneCallResource {

    /** The number or SIP URI to dial, the participant the call stands for, and their name in the call. */
    public record Dial(@NotBlank @Size(max = 200) String to, @Size(min = 1, max = 64) String userId,
            @Size(min = 1, max = 120) String displayName) {

        /** Never the number. */
        @Override
        public String toString() {
            return "Dial[userId=" + userId + "]";
        }
    }

    private final PhoneCallService service;
    private final Caller caller;

    SessionPhoneCallResource(PhoneCallService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Dial a phone number or SIP URI into the session for a participant (provider participant,"
            + " service); the number is shown masked to its last 4 digits")
    public Response dial(@PathParam("sessionId") String sessionId, @Valid Dial body) {
        if (body == null) {
            throw ApiException.validation("to", "is required");
        }
        return Response.status(201).entity(service.start(sessionId, body.to().strip(), body.userId(),
                body.displayName(), caller)).build();
    }

    @GET
    @Operation(summary = "The session's phone calls, oldest first, numbers masked (participants, admin, service)")
    public PageResponse<PhoneCallView> list(@PathParam("sessionId") String sessionId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return service.list(sessionId, PageRequest.of(page, size), caller);
    }
}
