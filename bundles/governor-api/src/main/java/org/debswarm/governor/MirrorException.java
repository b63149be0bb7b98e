package org.debswarm.governor;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/**
 * Why a governed request or its body ended without an answer. Thrown (as the cause of the
 * failed future, or directly from the body stream) with a message that names the URI, the limit
 * and what happened, for example
 * {@code "IDLE_TIMEOUT: no bytes from http://deb.debian.org/debian/pool/x.deb for 30000 ms"}.
 */
public final class MirrorException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The kind of failure; stable, for callers that branch on it. */
    public enum Reason {
        /** The bounded queue was full; the request was never sent. */
        QUEUE_FULL(false),
        /** No connection: refused, unreachable, or the host name did not resolve. */
        CONNECT_FAILED(false),
        /** No connection within the connect timeout. */
        CONNECT_TIMEOUT(true),
        /** The mirror sent no byte for the idle timeout (a hung mirror). */
        IDLE_TIMEOUT(true),
        /** The request's whole deadline passed (queueing, retries and body included). */
        DEADLINE_EXCEEDED(true),
        /** The connection closed or reset before the response was complete. */
        CONNECTION_LOST(false),
        /** The mirror answered with something unusable (bad Content-Range, redirect loop, bad HTTP). */
        PROTOCOL_ERROR(false),
        /** The caller cancelled the future or closed the response. */
        CANCELLED(false),
        /** The governor was stopped (its bundle stopped or reconfigured). */
        SHUTDOWN(false);

        private final boolean timeout;

        Reason(boolean timeout) {
            this.timeout = timeout;
        }

        /** @return whether this reason is one of the three deadlines (connect, idle, whole request) */
        public boolean isTimeout() {
            return timeout;
        }
    }

    private final Reason reason;
    private final URI uri;

    /**
     * @param reason the kind of failure
     * @param uri the URI that was being fetched when it happened
     * @param detail what happened, in words
     * @param cause the underlying failure, or {@code null}
     */
    public MirrorException(Reason reason, URI uri, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail, cause);
        this.reason = reason;
        this.uri = uri;
    }

    /** @return the kind of failure */
    public Reason reason() {
        return reason;
    }

    /** @return the URI being fetched (after failover or redirect, the one that failed last) */
    public URI uri() {
        return uri;
    }
}
