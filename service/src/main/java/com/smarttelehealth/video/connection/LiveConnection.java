package com.smarttelehealth.video.connection;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A client's connection to a session, as OpenTok's callbacks report it. */
@Entity
@Table(name = "session_connection")
public class LiveConnection {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String connectionId;

    @Column(name = "session_pk")
    public Long sessionPk;

    /** From the connection data our tokens carry; null for a connection made with some other token. */
    public String userId;
    public String displayName;
    public String role;
    public Instant connectedAt;
    public Instant disconnectedAt;
    public String disconnectReason;

    public boolean isOpen() {
        return disconnectedAt == null;
    }
}
