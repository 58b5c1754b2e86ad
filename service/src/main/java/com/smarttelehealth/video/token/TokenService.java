package com.smarttelehealth.video.token;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smarttelehealth.video.common.web.Outcomes;
import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.common.web.ProviderProblems;
import com.smarttelehealth.video.common.web.RateLimiter;
import com.smarttelehealth.video.config.VideoCallConfig;
import com.smarttelehealth.video.plan.EntitlementService;
import com.smarttelehealth.video.provider.ClientRole;
import com.smarttelehealth.video.provider.TokenSpec;
import com.smarttelehealth.video.provider.VideoProvider;
import com.smarttelehealth.video.session.ParticipantRole;
import com.smarttelehealth.video.session.SessionType;
import com.smarttelehealth.video.token.TokenView.ConnectionData;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * Issues client tokens. The checks run in the contract's order: participant (404), session active
 * (409 session-ended), window (403 outside-appointment-window), admission in a waiting-room session (403
 * not-admitted), plan, then the role ceiling (403).
 */
@ApplicationScoped
public class TokenService {

    private final TokenStore store;
    private final VideoProvider provider;
    private final VideoCallConfig config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Timer generation;
    private final ObjectMapper json;
    private final EntitlementService entitlements;
    private final RateLimiter rateLimiter;

    TokenService(TokenStore store, VideoProvider provider, VideoCallConfig config, Clock clock,
            MeterRegistry registry, ObjectMapper json, EntitlementService entitlements, RateLimiter rateLimiter) {
        this.entitlements = entitlements;
        this.rateLimiter = rateLimiter;
        this.store = store;
        this.provider = provider;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
        this.generation = Timer.builder("videocall.token.generation")
                .description("Time to check and issue a client token")
                .publishPercentileHistogram()
                .register(registry);
        this.json = json;
    }

    /**
     * Not one transaction: the decision reads one consistent row, and the {@code token_issued} event is
     * one auto-committed insert (see {@link TokenStore}), both on the I/O thread. Everything read of the
     * caller is read here, before the first statement, since the request's scope is not carried to the
     * thread that completes it.
     */
    public Uni<TokenView> issue(String sessionId, TokenRequest request, Caller caller) {
        String[] role = { "none" };
        return timed(role, Uni.createFrom().deferred(() -> {
            if (caller.isOperator()) {
                throw ApiException.forbidden("Admin and service accounts do not join calls, so they get no token.");
            }
            return checked(sessionId, request, caller.userId(), caller.displayName(), role);
        }));
    }

    /**
     * A token for a guest whose invite was just redeemed, through the same checks as any participant's (by their
     * role, a guest waits for no admission and has no plan to check), with the name their participation holds.
     */
    public Uni<TokenView> issueForGuest(String sessionId, String guestUserId) {
        String[] role = { "none" };
        return timed(role, Uni.createFrom().deferred(
                () -> checked(sessionId, TokenRequest.empty(), guestUserId, guestUserId, role)));
    }

    private Uni<TokenView> checked(String sessionId, TokenRequest request, String userId, String displayName,
            String[] role) {
        rateLimiter.acquire("token", userId, config.rateLimit().tokenRequestsPerMinute());
        Instant now = clock.instant();
        return store.facts(sessionId, userId, now)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("The session")))
                .flatMap(facts -> {
                    TokenView token = decide(facts, request, displayName, now);
                    role[0] = token.role().value();
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("userId", facts.userId());
                    details.put("role", token.role().value());
                    details.put("expiresAt", token.expiresAt().toString());
                    return store.recordIssued(facts, userId, now, details).replaceWith(token);
                });
    }

    /** {@code videocall_tokens_issued_total{role,outcome}} and {@code videocall_token_generation_seconds}. */
    private Uni<TokenView> timed(String[] role, Uni<TokenView> issuing) {
        Timer.Sample sample = Timer.start(registry);
        return issuing.onItemOrFailure().invoke((token, failure) -> {
            String outcome = failure == null ? "success" : Outcomes.of(failure);
            registry.counter("videocall.tokens.issued", "role", role[0], "outcome", outcome).increment();
            sample.stop(generation);
        });
    }

    /** The checks in the contract's order after the participation (404), then the token itself. */
    private TokenView decide(TokenStore.Facts facts, TokenRequest request, String callerName, Instant now) {
        if (!facts.isActive()) {
            throw ApiException.conflict(ProblemType.SESSION_ENDED, "The session has ended.");
        }
        checkWindow(facts, now);
        checkAdmission(facts);
        checkPlan(facts);
        ClientRole granted = RoleCeiling.grant(facts.role(), request.role());
        ConnectionData data = new ConnectionData(facts.userId(),
                facts.displayName() != null ? facts.displayName() : callerName, facts.role().value());
        Instant expiresAt = now.plusSeconds(request.expiresInSecondsOrDefault()).truncatedTo(ChronoUnit.SECONDS);
        String token = provider.signToken(new TokenSpec(facts.sessionId(), granted, expiresAt, encode(data),
                request.layoutClasses())).orElseThrow(ProviderProblems::of);
        return new TokenView(token, provider.clientKey(), facts.sessionId(), granted, expiresAt, data);
    }

    private void checkWindow(TokenStore.Facts session, Instant now) {
        AppointmentWindow.of(session.windowStartsAt(), session.windowEndsAt(), config.window())
                .filter(window -> !window.isOpen(now)).ifPresent(window -> {
                    throw new ApiException(ProblemType.OUTSIDE_APPOINTMENT_WINDOW, "Tokens for this appointment are"
                            + " issued from " + window.opensAt() + " to " + window.closesAt() + ".");
                });
    }

    /** In a waiting-room session, a patient or observer joins once admitted; providers never wait. */
    private static void checkAdmission(TokenStore.Facts facts) {
        if (facts.waitingRoom() && !facts.admitted()
                && (facts.role() == ParticipantRole.PATIENT || facts.role() == ParticipantRole.OBSERVER)) {
            throw new ApiException(ProblemType.NOT_ADMITTED,
                    "You are not admitted yet: check in to the waiting room, and a provider will let you in.");
        }
    }

    /** The plan check, for patients in consultation sessions only; appointments use no plan minutes. */
    private void checkPlan(TokenStore.Facts facts) {
        if (facts.role() == ParticipantRole.PATIENT && facts.type() == SessionType.CONSULTATION) {
            entitlements.requireVideoTime(facts.plan(), facts.monthlyMinutes(), facts.secondsUsed());
        }
    }

    private String encode(ConnectionData data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Connection data could not be written", e);
        }
    }
}
