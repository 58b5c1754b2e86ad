package com.smarttelehealth.video.common.web;

import java.util.Optional;
import java.util.UUID;

/** Ids that the service mints itself and a client sends back in a path. */
public final class PathIds {

    private PathIds() {
    }

    /** A UUID in its canonical 36-character form; empty for anything else (then it names nothing: 404). */
    public static Optional<UUID> uuid(String value) {
        try {
            return value != null && value.length() == 36 ? Optional.of(UUID.fromString(value)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
