package com.smarttelehealth.video.token;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.smarttelehealth.video.provider.ClientRole;

/** The optional body of a token request. The connection data is never the client's to choose. */
public record TokenRequest(
        ClientRole role,
        @Min(60) @Max(86400) Integer expiresInSeconds,
        @Size(max = 10) List<@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "may hold letters, digits, - and _ only") String> layoutClasses) {

    public static final int DEFAULT_EXPIRES_IN_SECONDS = 3600;

    public static TokenRequest empty() {
        return new TokenRequest(null, null, null);
    }

    public int expiresInSecondsOrDefault() {
        return expiresInSeconds == null ? DEFAULT_EXPIRES_IN_SECONDS : expiresInSeconds;
    }
}
