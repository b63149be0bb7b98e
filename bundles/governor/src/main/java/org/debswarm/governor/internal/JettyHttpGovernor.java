package org.debswarm.governor.internal;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.debswarm.governor.GovernorStats;
import org.debswarm.governor.HttpGovernor;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;
import org.eclipse.jetty.client.AbstractConnectionPool;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HttpGovernor} on Jetty's asynchronous {@link HttpClient}: no thread per download,
 * a small owned I/O pool and one scheduler thread for every timer. The client is private to
 * this component, so the service is the only way to it.
 * <p>
 * A configuration change restarts the component (no {@code @Modified}): the limits size Jetty's
 * connection pools, which cannot be resized in place. Requests in flight then fail with
 * {@code SHUTDOWN}; consumers retry on the new instance.
 */
@Component(service = HttpGovernor.class, configurationPid = JettyHttpGovernor.PID)
@Designate(ocd = JettyHttpGovernorConfiguration.class)
public final class JettyHttpGovernor implements HttpGovernor, AutoCloseable {

    static final String PID = "org.debswarm.governor";
    private static final Logger LOG = LoggerFactory.getLogger(JettyHttpGovernor.class);

    private final CallContext ctx;

    /**
     * Starts the client's threads; does no network I/O.
     *
     * @param config the configuration of PID {@code org.debswarm.governor}
     * @throws IllegalArgumentException naming the property, if a value is out of range
     */
    @Activate
    public JettyHttpGovernor(JettyHttpGovernorConfiguration config) {
        GovernorSettings settings = GovernorSettings.from(config);
        AdmissionQueue queue = new AdmissionQueue(settings.maxPerHost(), settings.maxTotal(), settings.queueCapacity());
        this.ctx = new CallContext(settings, HttpClients.start(settings), queue);
        LOG.debug("started: {} per host, {} in total, queue {}, {} mirror groups", settings.maxPerHost(),
                settings.maxTotal(), settings.queueCapacity(), settings.mirrorGroups().size());
    }

    @Override
    public CompletableFuture<MirrorResponse> fetch(MirrorRequest request) {
        Objects.requireNonNull(request, "request");
        return new Call(ctx, request).start();
    }

    @Override
    public GovernorStats snapshot() {
        return ctx.queue.snapshot();
    }

    /** @return connections Jetty holds open, in use or idle in its pools (for tests and diagnostics) */
    int openConnections() {
        return ctx.client.getDestinations().stream()
                .map(Destination::getConnectionPool)
                .mapToInt(pool -> pool instanceof AbstractConnectionPool p ? p.getConnectionCount() : 0)
                .sum();
    }

    /** Fails whoever waits, aborts the exchanges in flight and stops the threads, each with a bounded wait. */
    @Deactivate
    @Override
    public void close() {
        ctx.stop();
        ctx.queue.close();
        ctx.live.forEach(Call::shutdown);
        HttpClients.stop(ctx.client);
        LOG.debug("stopped");
    }
}
