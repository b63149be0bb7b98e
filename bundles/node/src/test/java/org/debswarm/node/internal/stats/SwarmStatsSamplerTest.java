package org.debswarm.node.internal.stats;

import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.PeerWire;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.stats.StatsRecorder;
import org.debswarm.torrent.InfoHash;
import org.junit.Test;

/** The sampler's last sample, taken when it stops: what moved since the previous one is not lost. */
public class SwarmStatsSamplerTest {

    private static final InfoHash HASH = InfoHash.fromHex("0102030405060708090a0b0c0d0e0f1011121314");
    private static final String PEER = "2d4453303130302d616161616161616161616161";

    @Test
    public void stoppingTakesALastSample() throws Exception {
        AtomicReference<List<SessionSnapshot>> sessions = new AtomicReference<>(List.of(session(0)));
        PeerWire engine = (PeerWire) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PeerWire.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("sessions")) {
                        return sessions.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> baseline = new CompletableFuture<>();
        StatsRecorder stats = (StatsRecorder) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StatsRecorder.class}, (proxy, method, args) -> {
                    events.add(method.getName() + Arrays.toString(args));
                    if (method.getName().equals("swarmCompletion")) {
                        baseline.complete(null);
                    }
                    return null;
                });

        SwarmStatsSampler sampler = new SwarmStatsSampler(engine, stats);
        baseline.get(10, TimeUnit.SECONDS); // the first sample, at once: the baseline
        sessions.set(List.of(session(5000)));
        sampler.deactivate(); // well before the next period
        assertTrue(events.toString(), events.contains(
                "peerDownloaded[" + HASH.toHex() + ", " + PEER + ", Debswarm 0.1.0, 5000]"));
    }

    private static SessionSnapshot session(long downloaded) {
        PeerSnapshot peer = new PeerSnapshot(PEER, new InetSocketAddress("127.0.0.1", 6881), "Debswarm 0.1.0", false,
                0, downloaded, 0, 0, 800, 8, false, false, true, true, 0);
        return new SessionSnapshot(HASH, "m test main binary-all", 10, 3, 1000, 300, 600, 0, downloaded, 0, 0,
                List.of(peer));
    }
}
