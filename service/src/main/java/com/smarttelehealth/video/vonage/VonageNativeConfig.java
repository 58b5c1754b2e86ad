package com.smarttelehealth.video.vonage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the native image needs for {@code com.vonage:server-sdk} 9.3.1, which ships no native metadata: the Jackson
 * models of the calls this service makes, read and written by reflection (requests, answers, their nested parts,
 * the enums they name, and the error answer), and the claim holders through which {@code com.auth0:java-jwt} writes
 * every token. Named as strings: several are package-private, and the session's answer is read as an array
 * (its JVM name), which Jackson makes by reflection too. Its HTTP client (Apache HttpClient 4) needs no
 * registration; its public-suffix list is included as a resource (application.properties).
 */
@RegisterForReflection(classNames = {
        // the JSON base and the error answer
        "com.vonage.client.JsonableBaseObject", "com.vonage.client.VonageApiResponseException",
        "com.vonage.client.video.VideoResponseException",
        // sessions, moderation and signals
        "com.vonage.client.video.CreateSessionResponse", "[Lcom.vonage.client.video.CreateSessionResponse;",
        "com.vonage.client.video.MuteSessionRequest",
        "com.vonage.client.video.ProjectDetails", "com.vonage.client.video.ProjectStatus",
        "com.vonage.client.video.ProjectEnvironment", "com.vonage.client.video.SignalRequest",
        "com.vonage.client.video.SessionResourceRequestWrapper",
        // archives and broadcasts
        "com.vonage.client.video.StreamComposition", "com.vonage.client.video.StreamCompositionLayout",
        "com.vonage.client.video.Archive", "com.vonage.client.video.ListResourceResponse",
        "com.vonage.client.video.ListArchivesResponse", "com.vonage.client.video.ListStreamCompositionsRequest",
        "com.vonage.client.video.VideoStream", "com.vonage.client.video.Broadcast",
        "com.vonage.client.video.Broadcast$Outputs", "com.vonage.client.video.Broadcast$Settings",
        "com.vonage.client.video.BroadcastUrls", "com.vonage.client.video.Hls", "com.vonage.client.video.Rtmp",
        // phone calls
        "com.vonage.client.video.SipDialRequest", "com.vonage.client.video.SipDialRequest$Sip",
        "com.vonage.client.video.SipDialRequest$Sip$Auth", "com.vonage.client.video.SipDialResponse",
        "com.vonage.client.video.SendDtmfRequest", "com.vonage.client.video.AbstractSessionTokenRequest",
        // live captions
        "com.vonage.client.video.CaptionsRequest", "com.vonage.client.video.CaptionsResponse",
        "com.vonage.client.video.Language",
        // the enums those name
        "com.vonage.client.video.ArchiveStatus", "com.vonage.client.video.ArchiveMode",
        "com.vonage.client.video.MediaMode", "com.vonage.client.video.OutputMode", "com.vonage.client.video.StreamMode",
        "com.vonage.client.video.Resolution", "com.vonage.client.video.ScreenLayoutType",
        "com.vonage.client.video.BroadcastStatus", "com.vonage.client.video.RtmpStatus",
        "com.vonage.client.video.VideoType", "com.vonage.client.video.Role",
        // client tokens and the API's bearer JWTs
        "com.auth0.jwt.impl.ClaimsHolder", "com.auth0.jwt.impl.PayloadClaimsHolder",
        "com.auth0.jwt.impl.HeaderClaimsHolder", "com.auth0.jwt.impl.ClaimsSerializer",
        "com.auth0.jwt.impl.PayloadSerializer", "com.auth0.jwt.impl.HeaderSerializer"
})
final class VonageNativeConfig {

    private VonageNativeConfig() {
    }
}
