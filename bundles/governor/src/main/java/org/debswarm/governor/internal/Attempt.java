package org.debswarm.governor.internal;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import org.debswarm.governor.MirrorRequest;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * One HTTP exchange of a {@link Call} with one mirror, holding one admission slot on
 * {@link #lane} from {@link #send()} until Jetty reports it complete.
 */
final class Attempt {

    /** What the call decided to do instead of handing this response over; set before aborting. */
    record Superseded(URI nextTarget, long delayMillis, boolean redirect) {
    }

    final URI uri;
    final HostLane lane;
    final BodyStream body;
    private final Call call;
    private final Request exchange;
    private volatile Superseded superseded;

    Attempt(Call call, CallContext ctx, MirrorRequest request, URI uri, HostLane lane, long deadlineNanos) {
        this.call = call;
        this.uri = uri;
        this.lane = lane;
        this.body = new BodyStream(this, deadlineNanos, ctx.settings, ctx.rates.of(lane.host));
        this.exchange = ctx.client.newRequest(uri)
                .method(request.method() == MirrorRequest.Method.HEAD ? HttpMethod.HEAD : HttpMethod.GET)
                .followRedirects(false)
                .idleTimeout(ctx.settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(headers -> conditions(request, headers))
                .onResponseHeaders(response -> call.onHeaders(this, response))
                .onResponseContentAsync(body);
    }

    void send() {
        try {
            // A lambda, not an object implementing several listener types: Jetty would register it under
            // each, and a second content listener would split the body between two consumers.
            exchange.send(this::onComplete);
        } catch (RuntimeException e) {
            // Jetty did not take the exchange, so it will never complete it: complete it here.
            call.onComplete(this, e);
        }
    }

    /** Ends the exchange (closing its connection); Jetty then reports it complete with {@code cause}. */
    void abort(Throwable cause) {
        exchange.abort(cause);
    }

    void supersede(Superseded next, Throwable cause) {
        this.superseded = next;
        abort(cause);
    }

    Superseded superseded() {
        return superseded;
    }

    private void onComplete(Result result) {
        body.completed(result.getFailure());
        call.onComplete(this, result.getFailure());
    }

    private static void conditions(MirrorRequest request, HttpFields.Mutable headers) {
        request.ifModifiedSince().ifPresent(t -> headers.put(HttpHeader.IF_MODIFIED_SINCE, DateGenerator.formatDate(t)));
        request.ifNoneMatch().ifPresent(tags -> headers.put(HttpHeader.IF_NONE_MATCH, tags));
        request.range().ifPresent(r -> headers.put(HttpHeader.RANGE, r.toHeaderValue()));
    }
}
