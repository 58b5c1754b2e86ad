package com.smarttelehealth.video.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One entry of a session's event log. It never holds a client token or a secret. */
@Entity
@Table(name = "session_event")
public class SessionEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public UUID eventId;

    @Column(name = "session_pk")
    public Long sessionPk;

    public EventType type;
    public Instant occurredAt;
    public String actorId;
    public String connectionId;
    public String streamId;
    public String recordingId;
    public String broadcastId;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> details = new LinkedHashMap<>();

    /** Set for events that must happen once, such as a callback's effect; unique in the table. */
    public String dedupKey;
}
