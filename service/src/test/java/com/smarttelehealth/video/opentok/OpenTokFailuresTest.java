package com.smarttelehealth.video.opentok;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import com.opentok.exception.RequestException;
import com.smarttelehealth.video.common.web.ApiException;
import com.smarttelehealth.video.common.web.ProblemType;
import com.smarttelehealth.video.common.web.ProviderProblems;
import com.smarttelehealth.video.common.web.RetryableException;
import com.smarttelehealth.video.provider.ProviderFailure;

/** SDK 4.9.0 failures, with the messages its HttpClient really throws, the outcomes they are, and what the API answers. */
class OpenTokFailuresTest {

    @Test
    void noAnswerIsUnavailableAndRetryable() {
        ApiException refused = translate(new RequestException("Could not create an OpenTok Session",
                new ExecutionException(new ConnectException("Connection refused"))));
        assertEquals(ProblemType.UPSTREAM_UNAVAILABLE, refused.type());
        assertEquals(ProviderFailure.Unavailable.class, OpenTokFailures.translate("test", new RequestException(
                "Could not create an OpenTok Session", new ConnectException("Connection refused"))).getClass(),
                "it counts against the circuit, and a safe call tries again");
        assertTrue(refused instanceof RetryableException);
        assertTrue(refused.getMessage().contains("could not be reached"), refused.getMessage());
        assertEquals(ProblemType.UPSTREAM_UNAVAILABLE, translate(new RequestException("Could not force disconnect",
                new ExecutionException(new TimeoutException("Request timeout to localhost after 2000 ms")))).type());
        ApiException unavailable = translate(new RequestException(
                "Could not create an OpenTok Session. The server response was invalid. response code: 503"));
        assertEquals(ProblemType.UPSTREAM_UNAVAILABLE, unavailable.type());
        assertTrue(unavailable.getMessage().contains("answered that it is unavailable"),
                "OpenTok did answer; the detail says what it said: " + unavailable.getMessage());
        assertFalse(unavailable.getMessage().contains("in time"), unavailable.getMessage());
    }

    @Test
    void stateRefusalsAreConflicts() {
        assertEquals(ProblemType.CONFLICT, translate(new RequestException("Could not start an OpenTok Archive. "
                + "The session is either peer-to-peer or already being recorded.")).type());
        assertEquals(ProblemType.CONFLICT, translate(new RequestException(
                "The broadcast has already been started for the session. SessionId = 1_x")).type());
        assertEquals(ProblemType.CONFLICT, translate(new RequestException(
                "Could not stop an OpenTok Archive. The archive is not being recorded.")).type());
    }

    @Test
    void unknownTargetsAreNotFound() {
        assertEquals(ProblemType.NOT_FOUND, translate(new RequestException("Could not force disconnect. The client "
                + "specified by the connectionId property is not connected to the session.")).type());
        assertEquals(ProblemType.NOT_FOUND, translate(new RequestException(
                "Could not stop an OpenTok Archive. The archiveId does not exist. archiveId = x")).type());
        // a bare 404 too: an unknown id a client sent is not an OpenTok failure, and must not open the circuit
        assertEquals(ProblemType.NOT_FOUND, translate(new RequestException(
                "Could not get an OpenTok Archive. The server response was invalid. response code: 404")).type());
    }

    @Test
    void everythingElseIsAnUpstreamErrorThatHidesTheSdkMessage() {
        ApiException error = translate(new RequestException("Could not start an OpenTok Archive. A server error occurred."));
        assertEquals(ProblemType.UPSTREAM_ERROR, error.type());
        assertFalse(error.getMessage().contains("OpenTok Archive"), "the SDK's words stay in the log");
        assertEquals(ProblemType.UPSTREAM_ERROR, translate(new RequestException(
                "Could not start an OpenTok Archive. The request was not authorized.")).type());
        assertEquals("rejected", OpenTokFailures.translate("test",
                new RequestException("already being recorded")).metricOutcome());
        assertEquals("error", OpenTokFailures.translate("test",
                new RequestException("Could not start an OpenTok Archive. A server error occurred.")).metricOutcome());
    }

    /** What the API answers for the SDK's failure: the adapter's outcome, as the services map it by default. */
    private static ApiException translate(Exception e) {
        return ProviderProblems.of(OpenTokFailures.translate("test", e).outcome());
    }
}
