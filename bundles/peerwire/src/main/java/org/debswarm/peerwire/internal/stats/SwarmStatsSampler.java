package org.debswarm.peerwire.internal.stats;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
 * and reports the bytes each connection moved since the last sample, peers that came and went, peers banned,
 * and swarm completion in bytes. Sampling keeps the engine's I/O thread free of anything but a snapshot; a
 * connection's last bytes are counted at the next sample, or lost if it closes first (at most one period of
 * one peer). The first sample, at activation, is the baseline (see {@link SessionLedger}).
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
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "debswarm-peerwire-stats"));
        timer.scheduleWithFixedDelay(this::sample, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    private void sample() {
        try {
            ledger.sample(engine.sessions());
        } catch (RuntimeException e) {
            LOG.debug("Sampling the peer wire failed; next period", e); // an escaping exception would end the task
        }
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
