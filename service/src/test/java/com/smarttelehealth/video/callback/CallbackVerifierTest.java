package com.smarttelehealth.video.callback;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.config.OpenTokConfig;
import com.smarttelehealth.video.config.VideoProviderConfig;
import com.smarttelehealth.video.config.VonageConfig;
import com.smarttelehealth.video.support.Callbacks;
import com.smarttelehealth.video.support.TestProvider;

/** The signature rules, without booting the application (outside dev mode, as in production). */
class CallbackVerifierTest {

    private static final byte[] BODY = "{\"event\":\"connectionCreated\"}".getBytes(StandardCharsets.UTF_8);

    private static CallbackVerifier verifier(String callbackSecret) {
        return new CallbackVerifier(() -> VideoProviderConfig.Provider.OPENTOK, openTok(callbackSecret), vonage(null));
    }

    /** On Vonage: the application is the test application, whose id the callbacks must carry. */
    private static CallbackVerifier onVonage(String callbackSecret) {
        return new CallbackVerifier(() -> VideoProviderConfig.Provider.VONAGE, openTok(null), vonage(callbackSecret));
    }

    private static VonageConfig vonage(String callbackSecret) {
        return new VonageConfig() {
            public Optional<String> applicationId() {
                return Optional.of(TestProvider.APPLICATION_ID);
            }

            public Optional<String> privateKeyLocation() {
                return Optional.empty();
            }

            public String apiUrl() {
                return "http://localhost";
            }

            public Optional<String> callbackSecret() {
                return Optional.ofNullable(callbackSecret);
            }

            public Duration requestTimeout() {
                return Duration.ofSeconds(1);
            }
        };
    }

    private static OpenTokConfig openTok(String callbackSecret) {
        return new OpenTokConfig() {
            public Optional<String> apiKey() {
                return Optional.of("1");
            }

            public Optional<String> apiSecret() {
                return Optional.of("s");
            }

            public String apiUrl() {
                return "http://localhost";
            }

            public Optional<String> callbackSecret() {
                return Optional.ofNullable(callbackSecret);
            }

            public Duration requestTimeout() {
                return Duration.ofSeconds(1);
            }
        };
    }

    @Test
    void withoutASecretEveryCallbackIsRefused() {
        CallbackVerifier verifier = verifier(null);
        ApiException refused = assertThrows(ApiException.class,
                () -> verifier.verify(Callbacks.sign(BODY, Callbacks.SECRET), BODY));
        assertEquals(ProblemType.UNAUTHENTICATED, refused.type());
        assertThrows(ApiException.class, () -> verifier("  ").verify(null, BODY));
    }

    @Test
    void aGoodSignatureBareOrBearerPasses() {
        CallbackVerifier verifier = verifier(Callbacks.SECRET);
        String jwt = Callbacks.sign(BODY, Callbacks.SECRET);
        assertDoesNotThrow(() -> verifier.verify(jwt, BODY));
        assertDoesNotThrow(() -> verifier.verify("Bearer " + jwt, BODY));
        assertDoesNotThrow(() -> verifier.verify("bearer " + jwt, BODY));
    }

    @Test
    void aWrongSecretAMissingHeaderOrAnotherBodyIsRefused() {
        CallbackVerifier verifier = verifier(Callbacks.SECRET);
        assertThrows(ApiException.class, () -> verifier.verify(null, BODY));
        assertThrows(ApiException.class, () -> verifier.verify("", BODY));
        assertThrows(ApiException.class,
                () -> verifier.verify(Callbacks.sign(BODY, "another-secret-0123456789abcdefghij"), BODY));
        byte[] tampered = "{\"event\":\"connectionDestroyed\"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(ApiException.class, () -> verifier.verify(Callbacks.sign(BODY, Callbacks.SECRET), tampered));
        assertEquals(CallbackVerifier.sha256Hex(new byte[0]),
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void onVonageACallbackMustNameTheConfiguredApplication() {
        CallbackVerifier verifier = onVonage(Callbacks.SECRET);
        assertDoesNotThrow(() -> verifier.verify(Callbacks.sign(BODY, Callbacks.SECRET), BODY));
        ApiException foreign = assertThrows(ApiException.class, () -> verifier.verify(
                Callbacks.sign(BODY, Callbacks.SECRET, "0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f"), BODY));
        assertEquals("The callback is signed for another application.", foreign.getMessage());
        assertThrows(ApiException.class, () -> verifier.verify(Callbacks.sign(BODY, Callbacks.SECRET, null), BODY));
        // the OpenTok secret does not open Vonage's door
        assertThrows(ApiException.class, () -> onVonage(null).verify(Callbacks.sign(BODY, Callbacks.SECRET), BODY));
    }
}
