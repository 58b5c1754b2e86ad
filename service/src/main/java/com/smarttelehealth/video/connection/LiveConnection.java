package com.smarttelehealth.video.connection;

import java.time.Instant;

/** A client's connection to a session, as OpenTok's callbacks report it. */
public class LiveConnection {

    public Long id;

    public String connectionId;

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
