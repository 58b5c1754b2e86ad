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
import com.smarttelehealth.video.support.Callbacks;

/** The signature rules, without booting the application (outside dev mode, as in production). */
class CallbackVerifierTest {

    private static final byte[] BODY = "{\"event\":\"connectionCreated\"}".getBytes(StandardCharsets.UTF_8);

    private static OpenTokConfig config(String callbackSecret) {
        return new OpenTokConfig() {
            public String apiKey() {
                return "1";
            }

            public String apiSecret() {
                return "s";
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
        CallbackVerifier verifier = new CallbackVerifier(config(null));
        ApiException refused = assertThrows(ApiException.class,
                () -> verifier.verify(Callbacks.sign(BODY, Callbacks.SECRET), BODY));
        assertEquals(ProblemType.UNAUTHENTICATED, refused.type());
        assertThrows(ApiException.class, () -> new CallbackVerifier(config("  ")).verify(null, BODY));
    }

    @Test
    void aGoodSignatureBareOrBearerPasses() {
        CallbackVerifier verifier = new CallbackVerifier(config(Callbacks.SECRET));
        String jwt = Callbacks.sign(BODY, Callbacks.SECRET);
        assertDoesNotThrow(() -> verifier.verify(jwt, BODY));
        assertDoesNotThrow(() -> verifier.verify("Bearer " + jwt, BODY));
        assertDoesNotThrow(() -> verifier.verify("bearer " + jwt, BODY));
    }

    @Test
    void aWrongSecretAMissingHeaderOrAnotherBodyIsRefused() {
        CallbackVerifier verifier = new CallbackVerifier(config(Callbacks.SECRET));
        assertThrows(ApiException.class, () -> verifier.verify(null, BODY));
        assertThrows(ApiException.class, () -> verifier.verify("", BODY));
        assertThrows(ApiException.class,
                () -> verifier.verify(Callbacks.sign(BODY, "another-secret-0123456789abcdefghij"), BODY));
        byte[] tampered = "{\"event\":\"connectionDestroyed\"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(ApiException.class, () -> verifier.verify(Callbacks.sign(BODY, Callbacks.SECRET), tampered));
        assertEquals(CallbackVerifier.sha256Hex(new byte[0]),
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
