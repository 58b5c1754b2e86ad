package com.smarttelehealth.video.connection;

import java.time.Instant;
import java.util.List;

/** A live connection and its streams, as the API shows them. */
public record ConnectionView(String connectionId, String userId, String displayName, String role, Instant connectedAt,
        List<StreamView> streams) {

    public record StreamView(String streamId, String videoType, Instant createdAt) {
    }
}
