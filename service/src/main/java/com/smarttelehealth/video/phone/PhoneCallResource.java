package com.smarttelehealth.video.phone;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import io.quarkus.security.Authenticated;

/** One phone call: hang it up, or send it digits. */
@Path("/api/videocall/phone-calls/{callId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Phone calls")
@SecurityRequirement(name = "jwt")
public class PhoneCallResource {

    /** DTMF digits: 0-9, *, # and p (a pause of 500 ms). */
    public record Dtmf(String digits) {
    }

    private final PhoneCallService service;
    private final Caller caller;

    PhoneCallResource(PhoneCallService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @DELETE
    @Operation(summary = "Hang up (the session's provider participants, admin, service): the call's connection is"
            + " cut; 204 again for an ended call")
    public Response hangUp(@PathParam("callId") String callId) {
        service.hangUp(callId, caller);
        return Response.noContent().build();
    }

    @POST
    @Path("dtmf")
    @Operation(summary = "Play DTMF digits to the call, [0-9*#p]{1,64} (provider participant, service)")
    public Response dtmf(@PathParam("callId") String callId, @Valid Dtmf body) {
        service.dtmf(callId, body == null ? null : body.digits(), caller);
        return Response.noContent().build();
    }
}
