package org.debswarm.node.internal.stats;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.debswarm.commons.Shutdown;
import org.debswarm.peerwire.PeerWire;
import org.debswarm.stats.StatsRecorder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meters the peer wire for the statistics: every {@value #PERIOD_SECONDS} s it samples the engine's sessions
 * and reports the bytes each peer moved since the last sample, peers that came and went, peers banned, and
 * swarm completion in bytes. Sampling keeps the engine's I/O thread free of anything but a snapshot; what a
 * connection moved before it closed stays in its session's per-peer totals until the next sample, and a last
 * sample is taken when this component stops. The first sample, at activation, is the baseline (see
 * {@link SessionLedger}).
 */
@Component(service = {})
public final class SwarmStatsSampler {

    static final long PERIOD_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(SwarmStatsSampler.class);

    private final PeerWire engine;
    private final SessionLedger ledger;
    private final ScheduledExecutorService timer;

    @Activate
    public SwarmStatsSampler(@Reference PeerWire engine, @Reference StatsRecorder stats) {
        this.engine = engine;
        this.ledger = new SessionLedger(stats);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "debswarm-node-stats"));
        timer.scheduleWithFixedDelay(this::sample, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    private void sample() {
        try {
            ledger.sample(engine.sessions());
        } catch (RuntimeException e) {
            LOG.debug("Sampling the peer wire failed; next period", e); // an escaping exception would end the task
        }
    }

    /**
     * Takes a last sample before stopping (the engine and the statistics it references are still there: SCR
     * deactivates this component first), so that a node's shutdown loses none of its last seconds.
     */
    @Deactivate
    void deactivate() {
        try {
            timer.submit(this::sample).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.debug("No last sample of the peer wire: {}", e.toString());
        }
        Shutdown.now(timer, "Swarm statistics sampler", Duration.ofSeconds(5));
    }
}
