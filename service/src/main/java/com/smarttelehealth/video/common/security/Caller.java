package com.smarttelehealth.video.common.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.ProblemType;

/**
 * Who is calling, read from the verified JWT: {@code sub} is the user id, {@code groups} the
 * platform roles, and the display name is {@code name}, else {@code preferred_username}, else
 * {@code sub}.
 */
@RequestScoped
public class Caller {

    public static final String PATIENT = "patient";
    public static final String PROVIDER = "provider";
    public static final String ADMIN = "admin";
    public static final String SERVICE = "service";

    static final int MAX_USER_ID = 64;
    static final int MAX_DISPLAY_NAME = 120;

    private final JsonWebToken jwt;

    @Inject
    public Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    /** The caller's user id; a token whose subject is missing or longer than 64 characters is refused. */
    public String userId() {
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > MAX_USER_ID) {
            throw new ApiException(ProblemType.UNAUTHENTICATED, "The token's subject must be 1 to 64 characters.");
        }
        return subject;
    }

    public String displayName() {
        String name = claim("name");
        if (name == null) {
            name = claim("preferred_username");
        }
        if (name == null) {
            name = userId();
        }
        return name.length() > MAX_DISPLAY_NAME ? name.substring(0, MAX_DISPLAY_NAME) : name;
    }

    public Set<String> groups() {
        Set<String> groups = jwt.getGroups();
        return groups == null ? Set.of() : groups;
    }

    public boolean isAdmin() {
        return groups().contains(ADMIN);
    }

    public boolean isService() {
        return groups().contains(SERVICE);
    }

    /** Admin and service see and manage every session without taking part in it. */
    public boolean isOperator() {
        return isAdmin() || isService();
    }

    private String claim(String name) {
        // asking smallrye-jwt for a claim it has no constant for costs an exception; look first
        Set<String> names = jwt.getClaimNames();
        if (names == null || !names.contains(name)) {
            return null;
        }
        Object value = jwt.getClaim(name);
        if (value == null) {
            return null;
        }
        String text = value instanceof jakarta.json.JsonString json ? json.getString() : value.toString();
        return text.isBlank() ? null : text.strip();
    }
}
