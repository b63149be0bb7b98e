package org.debswarm.peerwire.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The addresses a session was given (by trackers, discovery or the node), to connect to again when a connection
 * to one fails or closes: after 1 s (at the session's next tick), then twice as long each time up to 5 min, and at
 * once when it is given again. A peer whose stale connection was still open on its side when we came back refuses
 * us once; the next try finds it ready, without waiting half an hour for the tracker's next answer. A peer whose
 * session was started again (its node reconfigured: the node restarts its sessions) refuses us for a moment, and
 * discovery announces a torrent at most once a minute (BEP 14), so the first retry comes soon. Bounded: the
 * addresses given last. Confined to the I/O thread.
 */
final class KnownPeers {

    static final long FIRST_RETRY_NANOS = 1_000_000_000L;
    static final long LAST_RETRY_NANOS = 300_000_000_000L;

    private static final class Retry {
        int failures;
        long due;
    }

    private final int capacity;
    private final Map<InetSocketAddress, Retry> known;

    KnownPeers(int capacity) {
        this.capacity = capacity;
        this.known = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Retry> eldest) {
                return size() > KnownPeers.this.capacity;
            }
        };
    }

    /** An address given again: worth a try now. */
    void given(InetSocketAddress address, long now) {
        known.computeIfAbsent(address, a -> new Retry()).due = now;
    }

    /** A connection to a known address completed its handshake: it starts over from the first delay. */
    void connected(InetSocketAddress address) {
        Retry retry = known.get(address);
        if (retry != null) {
            retry.failures = 0;
        }
    }

    /** A connection to a known address failed or closed: try again later. */
    void lost(InetSocketAddress address, long now) {
        Retry retry = known.get(address);
        if (retry != null) {
            long delay = Math.min(LAST_RETRY_NANOS, FIRST_RETRY_NANOS << Math.min(retry.failures, 9));
            retry.failures++;
            retry.due = now + delay;
        }
    }

    /** The known addresses whose retry is due. */
    List<InetSocketAddress> due(long now) {
        List<InetSocketAddress> list = new ArrayList<>();
        for (Map.Entry<InetSocketAddress, Retry> e : new ArrayList<>(known.entrySet())) {
            if (e.getValue().due <= now) {
                list.add(e.getKey());
            }
        }
        return list;
    }
}
