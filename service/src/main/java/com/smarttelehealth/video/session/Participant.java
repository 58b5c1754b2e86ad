package com.smarttelehealth.video.session;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A user taking part in a session, in a clinical role that decides what their token may do. */
@Entity
@Table(name = "session_participant")
public class Participant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "session_pk")
    public VideoSession session;

    public String userId;
    public ParticipantRole role;
    public String displayName;
    public Instant addedAt;
    public boolean recordingConsent;
    public boolean broadcastConsent;
    public Instant consentUpdatedAt;
}
