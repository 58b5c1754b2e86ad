package com.smarttelehealth.video.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Bodies over 64 KiB answer 413 problem+json before anything reads them. A declared
 * {@code Content-Length} is refused at once; a chunked body that grows past the limit is stopped by
 * the body reader below, whose bare 413 is rewritten here into problem+json.
 */
@ApplicationScoped
public class RequestLimits {

    public static final long MAX_BODY_BYTES = 64 * 1024;
    /**
     * The longest URL served. Vert.x reads request lines up to {@code quarkus.http.limits.max-initial-line-length}
     * (16 KiB here), so that a longer URL up to that size gets a problem+json answer from this filter;
     * past it, Vert.x answers a bare 414 before any handler runs.
     */
    public static final int MAX_URL_CHARS = 4096;

    void registerFilter(@Observes Filters filters) {
        filters.register(this::checkContentLength, 1000);
    }

    void registerFailureHandler(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::rewriteTooLarge);
    }

    /**
     * The API's bodies (64 KiB at most) are read whole on the I/O thread before a blocking resource
     * method runs; Quarkus REST then reads them from memory. Without this, the worker thread reads the
     * body through a blocking stream fed by the I/O thread, a hand-over of a wait and a wake-up per
     * request that cost the callback endpoint about a tenth of its CPU. It also stops a chunked body
     * at 64 KiB (413, answered as problem+json by {@link #rewriteTooLarge}), where the stream read
     * on (and answered 400). An empty body is set as empty: Vert.x's body handler sets none when it
     * reads zero bytes, and Quarkus REST would then wait, on a worker thread, for bytes from a request
     * the body handler has already read to its end.
     */
    void registerBodyReader(@Observes Router router) {
        router.route("/api/*").method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.route("/api/*").method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 2)
                .handler(context -> {
                    if (context.body().buffer() == null) {
                        context.setBody(Buffer.buffer());
                    }
                    context.next();
                });
    }

    private void checkContentLength(RoutingContext context) {
        String uri = context.request().uri();
        if (uri.length() > MAX_URL_CHARS) {
            writeProblem(context, Problem.of(ProblemType.URI_TOO_LONG,
                    "The URL is longer than " + MAX_URL_CHARS + " characters."));
            return;
        }
        if (uri.contains("%00") || uri.indexOf('\u0000') >= 0) {
            writeProblem(context, Problem.of(ProblemType.MALFORMED_REQUEST, "The URL holds a NUL character."));
            return;
        }
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > MAX_BODY_BYTES) {
                    writeTooLarge(context);
                    return;
                }
            } catch (NumberFormatException e) {
                writeProblem(context, Problem.of(ProblemType.MALFORMED_REQUEST, "Content-Length is not a number."));
                return;
            }
        }
        context.next();
    }

    private void rewriteTooLarge(RoutingContext context) {
        if (context.statusCode() == 413 && !context.response().headWritten()) {
            writeTooLarge(context);
        } else {
            context.next();
        }
    }

    private static void writeTooLarge(RoutingContext context) {
        writeProblem(context, Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The body is larger than 64 KiB."));
    }

    static void writeProblem(RoutingContext context, Problem problem) {
        context.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(problem));
    }
}
