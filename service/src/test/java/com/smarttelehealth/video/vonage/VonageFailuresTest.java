package com.smarttelehealth.video.vonage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

import com.smarttelehealth.video.provider.Outcome;
import com.smarttelehealth.video.provider.ProviderFailure;
import com.vonage.client.VonageMethodFailedException;
import com.vonage.client.video.VideoResponseException;

/** How the Video API's answers and silences read as outcomes. */
class VonageFailuresTest {

    /** An error answer as the SDK builds it from a response: its body parsed, then the status set. */
    private static VideoResponseException answered(int status) {
        VideoResponseException e = com.vonage.client.Jsonable.fromJson(
                "{\"code\":" + status + ",\"message\":\"from the API\"}", VideoResponseException.class);
        try {
            var setter = com.vonage.client.VonageApiResponseException.class.getDeclaredMethod("setStatusCode", int.class);
            setter.setAccessible(true);
            setter.invoke(e, status);
        } catch (ReflectiveOperationException reflection) {
            throw new IllegalStateException(reflection);
        }
        return e;
    }

    private static Outcome<?> outcome(Exception e) {
        return VonageFailures.translate("test", e).outcome();
    }

    @Test
    void statusesReadAsOurOutcomes() {
        assertInstanceOf(Outcome.NotFound.class, outcome(answered(404)));
        assertInstanceOf(Outcome.Conflict.class, outcome(answered(409)));
        assertInstanceOf(Outcome.Refused.class, outcome(answered(400)));
        assertInstanceOf(Outcome.Refused.class, outcome(answered(401)));
        assertInstanceOf(Outcome.Refused.class, outcome(answered(500)));
        for (int status : new int[] { 502, 503, 504 }) {
            ProviderFailure failure = VonageFailures.translate("test", answered(status));
            assertInstanceOf(ProviderFailure.Unavailable.class, failure, "retried by safe calls, counted by circuits");
            assertEquals("answered that it is unavailable for now (" + status + ")",
                    ((Outcome.Unavailable<?>) failure.outcome()).why());
        }
        assertEquals("rejected", VonageFailures.translate("test", answered(409)).metricOutcome());
        assertEquals("error", VonageFailures.translate("test", answered(500)).metricOutcome());
    }

    @Test
    void noAnswerIsUnavailableSayingWhy() {
        Outcome<?> refused = outcome(new VonageMethodFailedException("Something went wrong while executing the HTTP request.",
                new ConnectException("Connection refused")));
        assertEquals("could not be reached", ((Outcome.Unavailable<?>) refused).why());
        Outcome<?> slow = outcome(new VonageMethodFailedException("Something went wrong while executing the HTTP request.",
                new SocketTimeoutException("Read timed out")));
        assertEquals("did not answer in time", ((Outcome.Unavailable<?>) slow).why());
        assertTrue(((Outcome.Unavailable<?>) slow).retryAfterSeconds() > 0);
    }

    @Test
    void idsTheApiCannotHaveAreKnownBeforeAnyCall() {
        assertTrue(VonageModels.isId("b40ef09b-3811-4726-b508-e41a0f96c68f"));
        for (String id : new String[] { null, "", "abc", "1-2-3-4-5", "b40ef09b38114726b508e41a0f96c68f",
                "b40ef09b-3811-4726-b508-e41a0f96c68f/../x" }) {
            assertEquals(false, VonageModels.isId(id), String.valueOf(id));
        }
    }
}
