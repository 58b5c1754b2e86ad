package com.smarttelehealth.video.callback;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.common.web.Outcomes;
import com.smarttelehealth.video.common.web.ApiException;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/videocall/webhooks/opentok}, also served at {@code /api/videocall/webhooks/vonage}: the
 * provider's session-monitoring, archive and broadcast callbacks at one URL. The signature is checked on the raw
 * bytes before anything is parsed.
 */
@Path("/api/videocall/webhooks")
@PermitAll
@Tag(name = "Callbacks")
public class CallbackResource {

    private final CallbackVerifier verifier;
    private final CallbackService service;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    CallbackResource(CallbackVerifier verifier, CallbackService service, ObjectMapper json, MeterRegistry registry) {
        this.verifier = verifier;
        this.service = service;
        this.json = json;
        this.registry = registry;
    }

    /** Served on the I/O thread; archive and broadcast reports move to a worker for their transaction. */
    @POST
    @Path("opentok")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenTok callbacks (signed): 204 when taken, ignored or repeated")
    public Uni<Response> receive(@HeaderParam("Authorization") String authorization, byte[] body) {
        return take(authorization, body);
    }

    /** The same callbacks at the address a Vonage application's settings are more likely to name. */
    @POST
    @Path("vonage")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The same callbacks, from a Vonage application (signed, with its application_id): 204 when "
            + "taken, ignored or repeated")
    public Uni<Response> receiveFromVonage(@HeaderParam("Authorization") String authorization, byte[] body) {
        return take(authorization, body);
    }

    private Uni<Response> take(String authorization, byte[] body) {
        String[] type = { "unknown" };
        return Uni.createFrom().deferred(() -> {
            verifier.verify(authorization, body == null ? new byte[0] : body);
            JsonNode root = parse(body);
            type[0] = CallbackService.kind(root);
            return service.apply(root);
        }).map(changed -> Response.noContent().build()).onItemOrFailure().invoke((response, failure) -> registry
                .counter("videocall.webhook.events", "type", type[0],
                        "outcome", failure == null ? "success" : Outcomes.of(failure))
                .increment());
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode root = body == null || body.length == 0 ? null : json.readTree(body);
            if (root == null || !root.isObject()) {
                throw ApiException.malformed("A callback is a JSON object.");
            }
            return root;
        } catch (java.io.IOException e) {
            throw ApiException.malformed("The callback body is not JSON.");
        }
    }
}
