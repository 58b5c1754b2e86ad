package com.smarttelehealth.video.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.smarttelehealth.video.provider.ClientRole;
import com.smarttelehealth.video.session.ParticipantRole;

class RoleCeilingTest {

    @ParameterizedTest
    @CsvSource({
            "PROVIDER, , MODERATOR", "PROVIDER, MODERATOR, MODERATOR", "PROVIDER, PUBLISHER, PUBLISHER",
            "PROVIDER, SUBSCRIBER, SUBSCRIBER",
            "PATIENT, , PUBLISHER", "PATIENT, PUBLISHER, PUBLISHER", "PATIENT, SUBSCRIBER, SUBSCRIBER",
            "OBSERVER, , SUBSCRIBER", "OBSERVER, SUBSCRIBER, SUBSCRIBER" })
    void grantsUpToTheCeiling(ParticipantRole participant, ClientRole requested, ClientRole granted) {
        assertEquals(granted, RoleCeiling.grant(participant, requested));
    }

    @ParameterizedTest
    @CsvSource({ "PATIENT, MODERATOR", "OBSERVER, PUBLISHER", "OBSERVER, MODERATOR" })
    void refusesAboveTheCeiling(ParticipantRole participant, ClientRole requested) {
        assertThrows(RoleCeiling.RoleAboveCeilingException.class, () -> RoleCeiling.grant(participant, requested));
    }
}
