package com.smarttelehealth.video.common.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.smarttelehealth.video.common.observability.ThrottledWarning;
import com.smarttelehealth.video.common.persistence.Database;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place where failures become problem+json. Every exception type the stack can raise for a
 * client's mistake has a mapping here, so that nothing a client sends ends as a 500.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Under load an outage fails thousands of requests: one WARN every ten seconds says so, with how many. */
    private static final ThrottledWarning OUTAGE_LOG = new ThrottledWarning(LOG, 10_000,
            "Database unavailable: %d requests answered 503 in the last %d s, the latest: %s");

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder builder = Response.status(e.type().status())
                .type(Problem.PROBLEM_JSON)
                .entity(Problem.of(e.type(), e.getMessage(), e.errors()));
        if (e instanceof RetryableException retryable) {
            builder.header(HttpHeaders.RETRY_AFTER, retryable.retryAfterSeconds());
        }
        return builder.build();
    }

    /** Quarkus raises this subtype for resource-method validation; mapped here so its own mapper does not answer. */
    @ServerExceptionMapper
    public Response resourceViolation(io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException e) {
        return constraintViolation(e);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldName(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return Problem.of(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", errors).toResponse();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return jsonProblem(e).toResponse();
    }

    // rest-jackson maps these subtypes itself (with a body naming Java classes); ours answer first

    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return jsonProblem(e).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidFormat(com.fasterxml.jackson.databind.exc.InvalidFormatException e) {
        return jsonProblem(e).toResponse();
    }

    @ServerExceptionMapper
    public Response jsonParse(com.fasterxml.jackson.core.JsonParseException e) {
        return jsonProblem(e).toResponse();
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return unauthenticatedResponse();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticatedResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(ProblemType.FORBIDDEN, "Your role may not do this.").toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException jsonError) {
            return jsonProblem(jsonError).toResponse();
        }
        if (e instanceof NotFoundException) {
            return Problem.of(ProblemType.NOT_FOUND, "No such resource.").toResponse();
        }
        if (e instanceof NotAllowedException) {
            return Response.fromResponse(Problem.of(ProblemType.METHOD_NOT_ALLOWED,
                    "This method is not allowed on this resource.").toResponse())
                    .header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW))
                    .build();
        }
        if (e instanceof NotSupportedException) {
            return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The body must be application/json.").toResponse();
        }
        if (e instanceof NotAcceptableException) {
            return Problem.of(ProblemType.NOT_ACCEPTABLE, "This resource answers application/json.").toResponse();
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status == 413) {
            return Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The body is larger than 64 KiB.").toResponse();
        }
        if (status == 401) {
            return unauthenticatedResponse();
        }
        if (status == 403) {
            return Problem.of(ProblemType.FORBIDDEN, "Your role may not do this.").toResponse();
        }
        if (status >= 400 && status < 500) {
            return Problem.of(ProblemType.MALFORMED_REQUEST, "The request could not be understood.").toResponse();
        }
        return unexpected(e);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (Database.isUnavailable(e)) {
            OUTAGE_LOG.failed(e);
            return Response.status(503).type(Problem.PROBLEM_JSON).header(HttpHeaders.RETRY_AFTER, 5)
                    .entity(Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                            "The service cannot reach its database right now. Try again shortly."))
                    .build();
        }
        if (Database.isDataException(e)) {
            LOG.debugf("A value could not be stored: %s", e.getMessage());
            return Problem.of(ProblemType.MALFORMED_REQUEST, "A value in the request cannot be stored.").toResponse();
        }
        LOG.error("Unexpected failure while handling a request", e);
        return Problem.of(ProblemType.INTERNAL_ERROR, "An unexpected error occurred. It has been logged.").toResponse();
    }

    static Response unauthenticatedResponse() {
        return Response.status(401)
                .type(Problem.PROBLEM_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(ProblemType.UNAUTHENTICATED,
                        "A valid bearer token is required: it is missing, expired, or not accepted."))
                .build();
    }

    static Problem jsonProblem(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            // a misspelt option must not be ignored silently: it names the field it does not know
            return Problem.of(ProblemType.VALIDATION_FAILED, "The request has a field this operation does not know.",
                    List.of(new FieldError(jsonPath(unknown.getPath()), "is not a field of this request")));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping.getPath());
            return Problem.of(ProblemType.VALIDATION_FAILED, "The request has invalid fields.",
                    List.of(new FieldError(field, "has the wrong type or an unknown value")));
        }
        return Problem.of(ProblemType.MALFORMED_REQUEST, "The body is not valid JSON of the expected shape.");
    }

    static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** Drops the method and parameter nodes of a method-validation path: {@code create.body.name} becomes {@code name}. */
    static String fieldName(Path path) {
        StringBuilder field = new StringBuilder();
        boolean parameterOnly = false;
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                // query and path parameters are named by the parameter itself; bodies by their properties
                field.setLength(0);
                field.append(node.getName());
                parameterOnly = true;
                continue;
            }
            if (parameterOnly) {
                field.setLength(0);
                parameterOnly = false;
            }
            if (node.getIndex() != null && !field.isEmpty()) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (kind == ElementKind.CONTAINER_ELEMENT) {
                continue; // "<list element>": the index above already names it
            }
            if (node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.toString();
    }
}
