package com.smarttelehealth.video.opentok;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import com.opentok.exception.RequestException;
import com.smarttelehealth.video.common.ApiException;
import com.smarttelehealth.video.common.ProblemType;
import com.smarttelehealth.video.common.RetryableException;

/** SDK 4.9.0 failures, with the messages its HttpClient really throws, and what the API answers. */
class OpenTokFailuresTest {

    @Test
    void noAnswerIsUnavailableAndRetryable() {
        ApiException refused = translate(new RequestException("Could not create an OpenTok Session",
                new ExecutionException(new ConnectException("Connection refused"))));
        assertEquals(ProblemType.UPSTREAM_UNAVAILABLE, refused.type());
        assertEquals(OpenTokUnavailableException.class, refused.getClass());
        assertTrue(refused instanceof RetryableException);
        assertEquals(ProblemType.UPSTREAM_UNAVAILABLE, translate(new RequestException("Could not force disconnect",
                new ExecutionException(new TimeoutException("Request timeout to localhost after 2000 ms")))).type());
        assertEquals(ProblemType.UPSTREAM_UNAVAILABLE, translate(new RequestException(
                "Could not create an OpenTok Session. The server response was invalid. response code: 503")).type());
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
        assertEquals("rejected", OpenTokFailures.outcome(translate(new RequestException("already being recorded"))));
        assertEquals("error", OpenTokFailures.outcome(error));
    }

    private static ApiException translate(Exception e) {
        return OpenTokFailures.translate("test", e);
    }
}
