package com.smarttelehealth.video.connection;

import java.time.Instant;

/** A stream published in a session: camera, screen or custom video. */
public class LiveStream {

    public Long id;

    public String streamId;

    public Long sessionPk;

    public String connectionId;
    public String videoType;
    public String name;
    public Instant createdAt;
    public Instant destroyedAt;
}
