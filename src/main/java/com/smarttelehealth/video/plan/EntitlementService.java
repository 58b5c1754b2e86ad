package com.smarttelehealth.video.plan;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.Caller;
import com.smarttelehealth.video.common.ProblemType;

/** Plans, the minutes they allow, and the check a patient's token must pass. */
@ApplicationScoped
public class EntitlementService {

    private final EntityManager em;
    private final MinuteMeter meter;
    private final Clock clock;

    EntitlementService(EntityManager em, MinuteMeter meter, Clock clock) {
        this.em = em;
        this.meter = meter;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EntitlementView view(String userId, Caller caller) {
        if (!caller.isOperator() && !caller.userId().equals(userId)) {
            throw ApiException.notFound("The entitlement");
        }
        return view(userId);
    }

    @Transactional
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
        Instant now = clock.instant();
        Entitlement entitlement = em.find(Entitlement.class, userId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Plan previous = entitlement == null ? null : entitlement.plan;
        if (entitlement == null) {
            entitlement = new Entitlement();
            entitlement.userId = userId;
        }
        entitlement.plan = request.plan();
        entitlement.monthlyMinutes = request.monthlyMinutes();
        entitlement.updatedBy = caller.userId();
        entitlement.updatedAt = now;
        em.merge(entitlement);
        em.createNativeQuery("insert into entitlement_change (user_id, plan, monthly_minutes, previous_plan, actor_id,"
                + " changed_at) values (:user, :plan, :minutes, :previous, :actor, :at)")
                .setParameter("user", userId).setParameter("plan", request.plan().value())
                .setParameter("minutes", request.monthlyMinutes())
                .setParameter("previous", previous == null ? null : previous.value())
                .setParameter("actor", caller.userId()).setParameter("at", now)
                .executeUpdate();
        em.flush();
        return view(userId);
    }

    /**
     * The plan check of a patient's token in a consultation session: no plan answers 403
     * subscription-required; a basic plan with no second left answers 403 quota-exceeded. The
     * caller has read the user's plan already, with the participation ({@code null}: no plan), and
     * for a basic plan this month's seconds used ({@link MinuteMeter}'s rule, in the same statement).
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

    long remainingSeconds(Entitlement basic, Instant now) {
        return remainingSeconds(basic.monthlyMinutes, meter.secondsUsed(basic.userId, UsagePeriod.of(now), now));
    }

    /** The one rule of what is left: the plan's minutes less the seconds used. */
    private static long remainingSeconds(int monthlyMinutes, long secondsUsed) {
        return monthlyMinutes * 60L - secondsUsed;
    }

    private EntitlementView view(String userId) {
        Instant now = clock.instant();
        UsagePeriod period = UsagePeriod.of(now);
        Entitlement entitlement = em.find(Entitlement.class, userId);
        Plan plan = entitlement == null ? Plan.NONE : entitlement.plan;
        long minutesUsed = UsagePeriod.minutes(meter.secondsUsed(userId, period, now));
        Long remaining = switch (plan) {
            case PREMIUM -> null;
            case NONE -> 0L;
            case BASIC -> Math.max(0, entitlement.monthlyMinutes - minutesUsed);
        };
        return new EntitlementView(userId, plan, plan == Plan.BASIC ? entitlement.monthlyMinutes : null,
                period.toString(), minutesUsed, remaining);
    }
}
