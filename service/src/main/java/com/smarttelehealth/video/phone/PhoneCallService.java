package com.smarttelehealth.video.phone;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.cleanup.ProviderCleanup;
import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.PageRequest;
import com.smarttelehealth.video.common.web.PathIds;
import com.smarttelehealth.video.common.web.PageResponse;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.common.web.ProviderProblems;
import com.smarttelehealth.video.config.VideoCallConfig;
import com.smarttelehealth.video.provider.ClientRole;
import com.smarttelehealth.video.provider.Outcome;
import com.smarttelehealth.video.provider.PhoneLeg;
import com.smarttelehealth.video.provider.SipDial;
import com.smarttelehealth.video.provider.TokenSpec;
import com.smarttelehealth.video.provider.VideoProvider;
import com.smarttelehealth.video.session.MediaMode;
import com.smarttelehealth.video.session.Participant;
import com.smarttelehealth.video.session.SessionAccess;
import com.smarttelehealth.video.session.VideoSession;

/**
 * Phone calls: a provider of the session (or the platform's backend) dials a participant's phone into the call
 * through the configured SIP gateway. The service makes the SIP leg's token itself: a publisher whose connection
 * data names the participant the call stands for, with a {@code phone} marker, so that the leg is one more
 * connection of that participant, and the door cuts it when their right to be there ends. Numbers are PHI: only
 * their last 4 digits are ever shown, stored or logged.
 */
@ApplicationScoped
public class PhoneCallService {

    private static final Logger LOG = Logger.getLogger(PhoneCallService.class);
    private static final Pattern DIGITS = Pattern.compile("[0-9*#p]{1,64}");
    /** Long enough for the gateway to place the call; the leg's connection outlives its token. */
    private static final long LEG_TOKEN_SECONDS = 600;

    private final PhoneCallStore store;
    private final SessionAccess access;
    private final VideoProvider provider;
    private final ProviderCleanup cleanup;
    private final VideoCallConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    PhoneCallService(PhoneCallStore store, SessionAccess access, VideoProvider provider, ProviderCleanup cleanup,
            VideoCallConfig config, ObjectMapper json, Clock clock) {
        this.store = store;
        this.access = access;
        this.provider = provider;
        this.cleanup = cleanup;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** Dials {@code to} into the session for the participant {@code userId} (the caller, when a provider). */
    public PhoneCallView start(String sessionId, String to, String userId, String displayName, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        if (!caller.isService() && !access.isProvider(session, caller)) {
            throw ApiException.forbidden("Only the session's providers and service place phone calls.");
        }
        String template = config.sip().uriTemplate().filter(t -> PhoneNumbers.gatewayHost(t).isPresent())
                .orElseThrow(() -> new ApiException(ProblemType.PHONE_UNAVAILABLE,
                        "Phone calls are not set up for this service (videocall.sip.uri-template)."));
        if (!session.isActive()) {
            throw ApiException.conflict(ProblemType.SESSION_ENDED, "The session has ended.");
        }
        if (session.mediaMode == MediaMode.RELAYED) {
            throw ApiException.conflict(ProblemType.NOT_RECORDABLE, "Phone calls need a routed session.");
        }
        PhoneNumbers.Target target = PhoneNumbers.target(to, template).orElseThrow(() -> ApiException.validation("to",
                "must be an E.164 number (+15551234567) or a sip:/sips: URI at the configured gateway"));
        String standsFor = userId != null ? userId : caller.isService() ? null : caller.userId();
        if (standsFor == null) {
            throw ApiException.validation("userId", "is required when the service dials: the call stands for a participant");
        }
        Participant participant = session.participant(standsFor).orElseThrow(() -> ApiException.validation("userId",
                "is not a participant of this session"));
        String name = displayName != null ? displayName
                : (participant.displayName != null ? participant.displayName : participant.userId) + " (phone)";

        String token = provider.signToken(new TokenSpec(session.sessionId, ClientRole.PUBLISHER,
                clock.instant().plusSeconds(LEG_TOKEN_SECONDS).truncatedTo(ChronoUnit.SECONDS),
                connectionData(participant, name), null)).orElseThrow(ProviderProblems::of);
        SipDial dial = new SipDial(target.uri(), config.sip().from().orElse(null), config.sip().username().orElse(null),
                config.sip().password().orElse(null), PhoneNumbers.secure(template));
        UUID callId = UUID.randomUUID();
        LOG.infof("Dialling %s into session %s for %s (call %s)", target.masked(), session.sessionId, participant.userId,
                callId);
        Outcome<PhoneLeg> dialled = provider.dial(session.sessionId, token, dial);
        PhoneLeg leg = dialled.orElseThrow(failure -> failure instanceof Outcome.Conflict
                ? ApiException.conflict(ProblemType.CONFLICT, "The video platform cannot place this call now.")
                : ProviderProblems.of(failure));
        return store.started(session.id, callId, participant.userId, target.masked(), leg, caller.userId());
    }

    public PageResponse<PhoneCallView> list(String sessionId, PageRequest page, Caller caller) {
        VideoSession session = access.visible(sessionId, caller);
        List<PhoneCallView> items = store.page(session.id, page.offset(), page.size());
        return new PageResponse<>(items, page.page(), page.size(), store.count(session.id));
    }

    /** Hangs up (its session's providers, admin, service): the call's connection is cut. Again: nothing changes. */
    public void hangUp(String callId, Caller caller) {
        VisibleCall visible = visibleCall(callId, caller);
        PhoneCallStore.Found call = visible.call();
        if (!caller.isOperator() && !access.isProvider(visible.session(), caller)) {
            throw ApiException.forbidden("Only the session's providers, admin and service hang up its calls.");
        }
        if (store.hangUp(UUID.fromString(call.view().callId()), caller.userId())) {
            cleanup.startFor(call.sessionPk()); // the cut, recorded with the hang-up, started at once beside the answer
        }
    }

    /** Plays digits to a live call (its session's providers, service): an extension, a PIN, a menu choice. */
    public void dtmf(String callId, String digits, Caller caller) {
        VisibleCall visible = visibleCall(callId, caller);
        PhoneCallStore.Found call = visible.call();
        VideoSession session = visible.session();
        if (!caller.isService() && !access.isProvider(session, caller)) {
            throw ApiException.forbidden("Only the session's providers and service send digits to its calls.");
        }
        if (digits == null || !DIGITS.matcher(digits).matches()) {
            throw ApiException.validation("digits", "must be 1 to 64 of 0-9, *, # and p (a pause)");
        }
        if (call.view().status().isFinal() || call.view().connectionId() == null) {
            throw ApiException.conflict(ProblemType.CONFLICT, "The call has ended.");
        }
        provider.playDtmf(session.sessionId, call.view().connectionId(), digits)
                .orElseThrow(ProviderProblems::of);
    }

    /** A report of the provider's SIP callbacks; false when it changed nothing. */
    public boolean reported(String sessionId, String providerCallId, String connectionId, PhoneCallStatus status,
            Instant at, String reason) {
        return store.reported(sessionId, providerCallId, connectionId, status, at, reason);
    }

    /** A call and its session, for whoever may see that session; 404 for anyone else, as for an unknown call. */
    private record VisibleCall(PhoneCallStore.Found call, VideoSession session) {
    }

    private VisibleCall visibleCall(String callId, Caller caller) {
        PhoneCallStore.Found call = PathIds.uuid(callId).flatMap(store::find)
                .orElseThrow(() -> ApiException.notFound("The call"));
        return new VisibleCall(call, access.visible(call.view().sessionId(), caller));
    }

    private String connectionData(Participant participant, String displayName) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", participant.userId);
        data.put("displayName", displayName);
        data.put("role", participant.role.value());
        data.put("phone", true);
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Connection data could not be written", e);
        }
    }

}
