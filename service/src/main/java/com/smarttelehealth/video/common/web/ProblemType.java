package com.smarttelehealth.video.common.web;

/**
 * The catalogue of every failure the API reports, with its problem+json slug and HTTP status.
 * It mirrors the "Errors" table of the public contract.
 */
public enum ProblemType {
    VALIDATION_FAILED(400, "validation-failed", "Validation failed"),
    MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),
    UNAUTHENTICATED(401, "unauthenticated", "Unauthenticated"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    OUTSIDE_APPOINTMENT_WINDOW(403, "outside-appointment-window", "Outside the appointment window"),
    SUBSCRIPTION_REQUIRED(403, "subscription-required", "Subscription required"),
    QUOTA_EXCEEDED(403, "quota-exceeded", "Video minutes exhausted"),
    NOT_ADMITTED(403, "not-admitted", "Not admitted yet"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    CONFLICT(409, "conflict", "Conflict"),
    SESSION_ENDED(409, "session-ended", "Session ended"),
    NOT_RECORDABLE(409, "not-recordable", "Session cannot be recorded"),
    RECORDING_IN_PROGRESS(409, "recording-in-progress", "Recording in progress"),
    CONSENT_REQUIRED(409, "consent-required", "Consent required"),
    PHONE_UNAVAILABLE(409, "phone-unavailable", "Phone calls unavailable"),
    INVITE_USED(410, "invite-used", "Invite already used"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    URI_TOO_LONG(414, "uri-too-long", "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    INTERNAL_ERROR(500, "internal-error", "Internal error"),
    UPSTREAM_ERROR(502, "upstream-error", "Video platform error"),
    UPSTREAM_UNAVAILABLE(503, "upstream-unavailable", "Video platform unavailable"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable");

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String typeUri() {
        return "/problems/" + slug;
    }
}
