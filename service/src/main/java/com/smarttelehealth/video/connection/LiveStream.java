package com.smarttelehealth.video.connection;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A stream published in a session: camera, screen or custom video. */
@Entity
@Table(name = "session_stream")
public class LiveStream {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String streamId;

    @Column(name = "session_pk")
    public Long sessionPk;

    public String connectionId;
    public String videoType;
    public String name;
    public Instant createdAt;
    public Instant destroyedAt;
}
