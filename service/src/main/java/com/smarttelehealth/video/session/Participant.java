package com.smarttelehealth.video.session;

import java.time.Instant;

/** A user taking part in a session, in a clinical role that decides what their token may do. */
public class Participant {

    public Long id;

    public String userId;
    public ParticipantRole role;
    public String displayName;
    public Instant addedAt;
    public boolean recordingConsent;
    public boolean broadcastConsent;
    public Instant consentUpdatedAt;
}
