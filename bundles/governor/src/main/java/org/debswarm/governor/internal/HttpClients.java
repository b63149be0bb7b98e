package org.debswarm.governor.internal;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/** Builds and starts the governor's private Jetty {@link HttpClient}. */
final class HttpClients {

    /** Bound on joining the I/O threads when the governor stops. */
    static final long STOP_TIMEOUT_MILLIS = 5_000;
    /** Larger than Jetty's 16 KiB default: fewer wake-ups of a blocked reader per megabyte. */
    private static final int RESPONSE_BUFFER_SIZE = 64 * 1024;
    private static final String NAME = "debswarm-governor";

    private HttpClients() {
    }

    /** Starts the client: threads are created, no network I/O is done. */
    static HttpClient start(GovernorSettings s) {
        QueuedThreadPool pool = new QueuedThreadPool(s.ioThreads(), 2, 60_000);
        pool.setName(NAME);
        pool.setDaemon(true);
        //pool.setReservedThreads(0);
        pool.setStopTimeout(STOP_TIMEOUT_MILLIS);

        HttpClient client = new HttpClient();
        client.setName(NAME);
        client.setExecutor(pool);
        client.setScheduler(new ScheduledExecutorScheduler(NAME + "-scheduler", true, 1));
        client.setConnectTimeout(s.connectTimeout().toMillis());
        client.setAddressResolutionTimeout(s.connectTimeout().toMillis());
        client.setIdleTimeout(s.keepAlive().toMillis());
        // The governor admits at most maxPerHost exchanges per host; Jetty's pool never needs more.
        client.setMaxConnectionsPerDestination(s.maxPerHost());
        client.setMaxRequestsQueuedPerDestination(Math.max(s.maxTotal(), s.maxPerHost()) * 2);
        // Redirects are followed by the governor, so that each hop is admitted under its host's limits.
        client.setFollowRedirects(false);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, s.userAgent()));
        client.setResponseBufferSize(RESPONSE_BUFFER_SIZE);
        // https mirrors: certificates checked (Jetty's client verifies the host name by default), against the JDK's
        // authorities plus the configured ones.
        if (!s.trustedCertificates().isEmpty()) {
            SslContextFactory.Client tls = new SslContextFactory.Client(); // endpoint identification HTTPS
            tls.setTrustStore(TrustedCertificates.withDefaults(s.trustedCertificates()));
            client.setSslContextFactory(tls);
        }
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the governor's HTTP client", e);
        }
        // Mirror bytes are hashed and resumed by range: never let Jetty decode Content-Encoding.
        client.getContentDecoderFactories().clear();
        return client;
    }

    static void stop(HttpClient client) {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the governor's HTTP client", e);
        }
    }
}
