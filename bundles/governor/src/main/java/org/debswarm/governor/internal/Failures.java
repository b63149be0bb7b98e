package org.debswarm.governor.internal;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.debswarm.governor.MirrorException;
import org.debswarm.governor.MirrorException.Reason;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.http.BadMessageException;

/** Turns what Jetty failed with into a {@link MirrorException} a caller can act on. */
final class Failures {

    private Failures() {
    }

    /**
     * @param failure what the exchange failed with
     * @param uri what was being fetched
     * @param settings for the limits to quote
     * @param when where in the exchange, such as "before the response headers" or "after 4096 body bytes"
     */
    static MirrorException classify(Throwable failure, URI uri, GovernorSettings settings, String when) {
        Throwable cause = unwrap(failure);
        if (cause instanceof MirrorException m) {
            return m;
        }
        String host = Hosts.key(uri);
        javax.net.ssl.SSLException tls = tlsFailure(cause);
        if (tls != null) {
            return new MirrorException(Reason.CONNECT_FAILED, uri, "TLS with " + host + " failed (is its certificate"
                    + " trusted and issued for this host name?): " + brief(tls), tls);
        }
        if (cause instanceof SocketTimeoutException || isDnsTimeout(cause)) {
            return new MirrorException(Reason.CONNECT_TIMEOUT, uri, "no connection to " + host + " within "
                    + settings.connectTimeout().toMillis() + " ms", cause);
        }
        if (cause instanceof TimeoutException) {
            return new MirrorException(Reason.IDLE_TIMEOUT, uri, "no bytes from " + uri + " for "
                    + settings.idleTimeout().toMillis() + " ms " + when, cause);
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException || cause instanceof UnresolvedAddressException) {
            return new MirrorException(Reason.CONNECT_FAILED, uri, "cannot connect to " + host + ": " + brief(cause), cause);
        }
        if (cause instanceof HttpResponseException || cause instanceof BadMessageException) {
            return new MirrorException(Reason.PROTOCOL_ERROR, uri, "bad HTTP from " + host + " " + when + ": "
                    + brief(cause), cause);
        }
        return new MirrorException(Reason.CONNECTION_LOST, uri, "connection to " + host + " lost " + when + ": "
                + (cause instanceof EOFException ? "closed by the mirror" : brief(cause)), cause);
    }

    /** Jetty's messages may carry a whole connection dump; the class and the start of the message say enough. */
    private static String brief(Throwable t) {
        String message = String.valueOf(t.getMessage());
        return t.getClass().getSimpleName() + ": " + (message.length() > 160 ? message.substring(0, 160) + "..." : message);
    }

    static MirrorException shutdown(URI uri) {
        return new MirrorException(Reason.SHUTDOWN, uri, "the governor stopped before " + uri + " was answered", null);
    }

    private static javax.net.ssl.SSLException tlsFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException tls) {
                return tls;
            }
        }
        return null;
    }

    private static boolean isDnsTimeout(Throwable t) {
        return t instanceof TimeoutException && String.valueOf(t.getMessage()).startsWith("DNS");
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
