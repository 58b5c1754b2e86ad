package com.smarttelehealth.video.opentok;

import java.util.List;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import com.opentok.ArchiveMode;
import com.opentok.MediaMode;
import com.opentok.MuteAllProperties;
import com.opentok.Role;
import com.opentok.SessionProperties;
import com.opentok.SignalProperties;
import com.opentok.TokenOptions;
import com.opentok.exception.OpenTokException;
import com.smarttelehealth.video.common.ApiException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The service's only door to OpenTok. Each call is timed as
 * {@code videocall_opentok_request_seconds{operation,outcome}} and its SDK failures are turned into
 * the service's own {@link ApiException}s by {@link OpenTokFailures}.
 */
@ApplicationScoped
public class OpenTokClient {

    private final OpenTokSdk sdk;
    private final MeterRegistry registry;

    OpenTokClient(OpenTokSdk sdk, MeterRegistry registry) {
        this.sdk = sdk;
        this.registry = registry;
    }

    /** Creates an OpenTok session and answers its id. */
    public String createSession(boolean relayed, boolean archiveAlways) {
        SessionProperties properties = new SessionProperties.Builder()
                .mediaMode(relayed ? MediaMode.RELAYED : MediaMode.ROUTED)
                .archiveMode(archiveAlways ? ArchiveMode.ALWAYS : ArchiveMode.MANUAL)
                .build();
        return call("create_session", () -> sdk.get().createSession(properties).getSessionId());
    }

    /** Signs a client token locally; no network call is made. */
    public String issueToken(TokenSpec spec) {
        return call("generate_token", () -> {
            TokenOptions.Builder options = new TokenOptions.Builder()
                    .role(sdkRole(spec.role()))
                    .expireTime(spec.expiresAt().getEpochSecond())
                    .data(spec.connectionData());
            if (spec.layoutClasses() != null && !spec.layoutClasses().isEmpty()) {
                options.initialLayoutClassList(spec.layoutClasses());
            }
            return sdk.get().generateToken(spec.sessionId(), options.build());
        });
    }

    public void forceDisconnect(String sessionId, String connectionId) {
        run("force_disconnect", () -> sdk.get().forceDisconnect(sessionId, connectionId));
    }

    public void muteAll(String sessionId, List<String> excludedStreamIds) {
        MuteAllProperties properties = new MuteAllProperties.Builder()
                .excludedStreamIds(excludedStreamIds == null ? List.of() : excludedStreamIds)
                .build();
        run("mute_all", () -> sdk.get().forceMuteAll(sessionId, properties));
    }

    public void muteStream(String sessionId, String streamId) {
        run("mute_stream", () -> sdk.get().forceMuteStream(sessionId, streamId));
    }

    /** Sends a signal to every client of the session, or to one connection when {@code connectionId} is set. */
    public void signal(String sessionId, String connectionId, String type, String data) {
        SignalProperties properties = new SignalProperties.Builder().type(type).data(data).build();
        run("signal", () -> {
            if (connectionId == null) {
                sdk.get().signal(sessionId, properties);
            } else {
                sdk.get().signal(sessionId, connectionId, properties);
            }
        });
    }

    /** The configured project API key, as clients need it to connect. */
    public String apiKey() {
        return Integer.toString(sdk.apiKey());
    }

    /** What is wrong with the OpenTok settings, or null when they are usable. */
    public String configurationProblem() {
        return sdk.configurationProblem();
    }

    private static Role sdkRole(ClientRole role) {
        return switch (role) {
            case SUBSCRIBER -> Role.SUBSCRIBER;
            case PUBLISHER -> Role.PUBLISHER;
            case MODERATOR -> Role.MODERATOR;
        };
    }

    private interface SdkAction {
        void run() throws OpenTokException;
    }

    private void run(String operation, SdkAction action) {
        call(operation, () -> {
            action.run();
            return null;
        });
    }

    private <T> T call(String operation, Callable<T> action) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            T result = action.call();
            outcome = "success";
            return result;
        } catch (OpenTokException e) {
            ApiException translated = OpenTokFailures.translate(operation, e);
            outcome = OpenTokFailures.outcome(translated);
            throw translated;
        } catch (ApiException e) {
            outcome = OpenTokFailures.outcome(e);
            throw e;
        } catch (RuntimeException e) {
            ApiException translated = OpenTokFailures.translate(operation, e);
            outcome = OpenTokFailures.outcome(translated);
            throw translated;
        } catch (Exception e) {
            throw OpenTokFailures.translate(operation, e);
        } finally {
            sample.stop(Timer.builder("videocall.opentok.request")
                    .description("Time spent in OpenTok calls")
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }
}
