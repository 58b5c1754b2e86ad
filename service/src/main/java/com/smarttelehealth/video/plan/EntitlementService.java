package com.smarttelehealth.video.plan;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.smarttelehealth.video.common.security.Caller;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.ProblemType;


/** Plans, the minutes they allow, and the check a patient's token must pass. */
@ApplicationScoped
public class EntitlementService {

    private final EntitlementStore store;
    private final Clock clock;

    EntitlementService(EntitlementStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public EntitlementView view(String userId, Caller caller) {
        if (!caller.isOperator() && !caller.userId().equals(userId)) {
            throw ApiException.notFound("The entitlement");
        }
        return view(userId);
    }

    public EntitlementView set(String userId, EntitlementRequest request, Caller caller) {
        if (userId.isBlank() || userId.length() > 64) {
            throw ApiException.validation("userId", "must be 1 to 64 characters");
        }
        if (request.plan() == Plan.BASIC && request.monthlyMinutes() == null) {
            throw ApiException.validation("monthlyMinutes", "is required for the basic plan");
        }
        if (request.plan() != Plan.BASIC && request.monthlyMinutes() != null) {
            throw ApiException.validation("monthlyMinutes", "is only for the basic plan");
        }
        store.set(userId, request.plan(), request.monthlyMinutes(), caller.userId());
        return view(userId);
    }

    /**
     * The plan check of a patient's token in a consultation session: no plan answers 403
     * subscription-required; a basic plan with no second left answers 403 quota-exceeded. The
     * caller has read the user's plan already, with the participation ({@code null}: no plan), and
     * for a basic plan this month's seconds used (the minute meter's rule, {@code video_seconds_used}, in the same statement).
     */
    public void requireVideoTime(Plan plan, Integer monthlyMinutes, Long secondsUsed) {
        switch (plan == null ? Plan.NONE : plan) {
            case PREMIUM -> {
            }
            case NONE -> throw new ApiException(ProblemType.SUBSCRIPTION_REQUIRED,
                    "A video plan is needed to join a consultation.");
            case BASIC -> {
                if (remainingSeconds(monthlyMinutes, secondsUsed) <= 0) {
                    throw new ApiException(ProblemType.QUOTA_EXCEEDED,
                            "This month's " + monthlyMinutes + " video minutes are used up.");
                }
            }
        }
    }

    /**
     * What is left: the plan's minutes less the seconds used (the quota job asks the same in its one statement,
     * {@link EntitlementStore#exhaustedBasicConnections}).
     */
    private static long remainingSeconds(int monthlyMinutes, long secondsUsed) {
        return monthlyMinutes * 60L - secondsUsed;
    }

    private EntitlementView view(String userId) {
        Instant now = clock.instant();
        UsagePeriod period = UsagePeriod.of(now);
        Entitlement entitlement = store.find(userId).orElse(null);
        Plan plan = entitlement == null ? Plan.NONE : entitlement.plan;
        long minutesUsed = UsagePeriod.minutes(store.secondsUsed(userId, period, now));
        Long remaining = switch (plan) {
            case PREMIUM -> null;
            case NONE -> 0L;
            case BASIC -> Math.max(0, entitlement.monthlyMinutes - minutesUsed);
        };
        return new EntitlementView(userId, plan, plan == Plan.BASIC ? entitlement.monthlyMinutes : null,
                period.toString(), minutesUsed, remaining);
    }
}
