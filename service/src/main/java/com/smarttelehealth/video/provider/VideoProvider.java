package com.smarttelehealth.video.provider;

import java.util.List;

/**
 * The port to the video provider: what the service needs of it, in our words. One adapter implements it per
 * provider ({@code opentok/}); nothing else in the service sees a provider's SDK. Every call answers an
 * {@link Outcome}; none throws for what the provider said or did not say.
 * <p>
 * Calls that are safe to repeat (reads, stops, deletes, disconnects) are retried by the adapter within a short
 * budget; creating a session, an archive or a broadcast is never repeated blindly. Token signing is local.
 */
public interface VideoProvider {

    // ---- sessions --------------------------------------------------------------------------------------------

    /** Creates a provider session; its id is the session id of the API. */
    Outcome<String> createSession(boolean relayed, boolean archiveAlways);

    // ---- tokens ----------------------------------------------------------------------------------------------

    /**
     * Signs a client token locally: no network call, so it works while the provider's API is down. Refused when
     * the SDK will not sign it (settings or arguments it does not take).
     */
    Outcome<String> signToken(TokenSpec spec);

    /** What a client's SDK needs beside the token to join ({@code OT.initSession}'s first argument). */
    String clientKey();

    /** What is wrong with the provider settings, or null when they are usable. Never shows a secret. */
    String configurationProblem();

    /** Whether calls are paused after repeated failures (an open circuit). */
    boolean isFailing();

    // ---- moderation ------------------------------------------------------------------------------------------

    Outcome<Void> forceDisconnect(String sessionId, String connectionId);

    Outcome<Void> muteAll(String sessionId, List<String> excludedStreamIds);

    Outcome<Void> muteStream(String sessionId, String streamId);

    /** A signal to every client of the session, or to one connection when {@code connectionId} is set. */
    Outcome<Void> signal(String sessionId, String connectionId, String type, String data);

    // ---- phone calls -----------------------------------------------------------------------------------------

    /** Dials a SIP call into the session, joining with {@code token} (whose connection data names whom it stands for). */
    Outcome<PhoneLeg> dial(String sessionId, String token, SipDial dial);

    /** Plays DTMF digits to one connection (a phone leg). */
    Outcome<Void> playDtmf(String sessionId, String connectionId, String digits);

    // ---- live captions ---------------------------------------------------------------------------------------

    /** Starts live captions of the session, joining with {@code token} (a moderator's); answers their id. */
    Outcome<String> startCaptions(String sessionId, String token, CaptionsSpec spec);

    Outcome<Void> stopCaptions(String captionsId);

    // ---- archives --------------------------------------------------------------------------------------------

    Outcome<ArchiveInfo> startArchive(String sessionId, ArchiveSpec spec);

    Outcome<ArchiveInfo> stopArchive(String archiveId);

    Outcome<ArchiveInfo> getArchive(String archiveId);

    /** The session's archives as the provider knows them (its newest, up to 1000). */
    Outcome<List<ArchiveInfo>> listArchives(String sessionId);

    Outcome<Void> deleteArchive(String archiveId);

    Outcome<Void> setArchiveLayout(String archiveId, String layoutType, String stylesheet);

    // ---- broadcasts ------------------------------------------------------------------------------------------

    Outcome<BroadcastInfo> startBroadcast(String sessionId, BroadcastSpec spec);

    Outcome<BroadcastInfo> stopBroadcast(String broadcastId);

    Outcome<BroadcastInfo> getBroadcast(String broadcastId);

    Outcome<Void> setBroadcastLayout(String broadcastId, String layoutType, String stylesheet);
}
