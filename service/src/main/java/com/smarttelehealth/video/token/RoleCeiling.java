package com.smarttelehealth.video.token;

import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.provider.ClientRole;
import com.smarttelehealth.video.session.ParticipantRole;

/** The most a participant's token may do: provider moderates, patient and guest publish, observer watches. */
public final class RoleCeiling {

    private RoleCeiling() {
    }

    public static ClientRole of(ParticipantRole role) {
        return switch (role) {
            case PROVIDER -> ClientRole.MODERATOR;
            case PATIENT, GUEST -> ClientRole.PUBLISHER;
            case OBSERVER -> ClientRole.SUBSCRIBER;
        };
    }

    /** The role to grant: the requested one when within the ceiling, the ceiling when none is asked for. */
    public static ClientRole grant(ParticipantRole participantRole, ClientRole requested) {
        ClientRole ceiling = of(participantRole);
        if (requested == null) {
            return ceiling;
        }
        if (requested.exceeds(ceiling)) {
            throw new RoleAboveCeilingException(requested, ceiling);
        }
        return requested;
    }

    /** Asked for more than the participant role allows. */
    public static final class RoleAboveCeilingException extends com.smarttelehealth.video.common.web.ApiException {
        RoleAboveCeilingException(ClientRole requested, ClientRole ceiling) {
            super(com.smarttelehealth.video.common.web.ProblemType.FORBIDDEN,
                    "Your participant role allows at most a " + ceiling.value() + " token, not " + requested.value() + ".");
        }
    }
}
