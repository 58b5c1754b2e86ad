package com.smarttelehealth.video.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Business settings of the video service ({@code videocall.*}). */
@ConfigMapping(prefix = "videocall")
public interface VideoCallConfig {

    /** Appointment windows. */
    Window window();

    /** Per-caller abuse limits. */
    RateLimit rateLimit();

    /** Live captions. */
    Captions captions();

    interface Captions {
        /** This service's public callback URL, for the provider's captions status reports; unset: none are asked for. */
        java.util.Optional<String> statusCallbackUrl();
    }

    /** The SIP gateway that phone calls are dialled through; without its URI template, no phone calls. */
    Sip sip();

    interface Sip {
        /** Where a number is dialled: {@code sip:{number}@gateway;transport=tls}, {@code {number}} the E.164 number. */
        java.util.Optional<String> uriTemplate();

        /** The gateway's credentials (the password is a secret: never shown or logged). */
        java.util.Optional<String> username();

        java.util.Optional<String> password();

        /** The caller id the callee sees. */
        java.util.Optional<String> from();
    }

    /** Background jobs. */
    Jobs jobs();

    interface Jobs {
        /** How often the quota and appointment jobs run ({@code off} disables them). */
        @WithDefault("30s")
        String interval();
    }

    /** The clean-up job, which finishes at the provider what committed changes left to do there. */
    Cleanup cleanup();

    interface Cleanup {
        /** How often the job looks for steps due ({@code off} disables the timer; changes still try theirs at once). */
        @WithDefault("5s")
        String interval();

        /**
         * How long a replica holds the step it carries out: longer than one provider call with its retry. Steps are
         * leased one at a time, so a slow provider cannot make a lease lapse mid-batch.
         */
        @WithDefault("30s")
        Duration lease();

        /** Attempts of a step; after the last it is parked (kept with its error, counted, alerted on). */
        @WithDefault("60")
        int maxAttempts();

        /** How long finished steps are kept before the job purges them. */
        @WithDefault("30d")
        Duration retention();
    }

    /** The virtual waiting room. */
    WaitingRoom waitingRoom();

    interface WaitingRoom {
        /** Whether a session created without {@code waitingRoom} has one. */
        @WithName("default")
        @WithDefault("false")
        boolean byDefault();
    }

    /** The live session feed. */
    Live live();

    interface Live {
        /** How often an open stream gets a keep-alive comment. */
        @WithDefault("15s")
        Duration keepAlive();

        /** How often every open feed reads again, whatever was notified (the safety net). */
        @WithDefault("5s")
        Duration poll();
    }

    /** Metrics. */
    Metrics metrics();

    interface Metrics {
        /** How often {@code videocall_active_connections} is recounted from the database. */
        @WithDefault("15s")
        Duration activeConnectionsRefresh();
    }

    interface Window {
        /** How early before {@code startsAt} an appointment's window opens. */
        @WithDefault("15m")
        Duration graceBefore();

        /** How long after {@code endsAt} an appointment's window stays open. */
        @WithDefault("15m")
        Duration graceAfter();
    }

    interface RateLimit {
        /** Token requests one caller may make per minute. */
        @WithDefault("30")
        int tokenRequestsPerMinute();

        /** Session creates one caller may make per minute. */
        @WithDefault("30")
        int sessionCreatesPerMinute();

        /** Invite redeems one client address may try per minute: a code is guessed from nowhere else. */
        @WithDefault("10")
        int inviteRedeemsPerMinute();
    }
}
