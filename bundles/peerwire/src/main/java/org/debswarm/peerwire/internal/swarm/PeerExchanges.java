package org.debswarm.peerwire.internal.swarm;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.debswarm.peerwire.internal.wire.PeerExchange;
import org.debswarm.peerwire.internal.wire.PeerWireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BEP 11 peer exchange for one swarm: every {@link #INTERVAL} each (proven) peer that speaks {@code ut_pex}
 * hears which listening addresses we connected to and lost since its last message, at most
 * {@link PeerExchange#SEND_PEERS} of each; what peers tell us goes to the engine's add-peers path. A peer's
 * messages closer together than {@link #MIN_GAP} are ignored (BEP 11: at most one a minute), as is a malformed
 * one, with the protocol error logged: the connection itself stays.
 */
final class PeerExchanges {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    /** Some slack below the minute for timer jitter on the sender's side. */
    static final Duration MIN_GAP = Duration.ofSeconds(45);
    private static final Logger LOG = LoggerFactory.getLogger(PeerExchanges.class);

    private final Consumer<List<InetSocketAddress>> exchanged;

    PeerExchanges(Consumer<List<InetSocketAddress>> exchanged) {
        this.exchanged = exchanged;
    }

    /** Sends each due peer what changed; {@code peers} are the swarm's peers. */
    void tick(List<PeerState> peers, long now) {
        Set<InetSocketAddress> listening = new LinkedHashSet<>();
        for (PeerState p : peers) {
            InetSocketAddress a = p.listenAddress();
            if (a != null && p.proven) {
                listening.add(a);
            }
        }
        for (PeerState p : peers) {
            if (p.pexId > 0 && p.proven && now - p.pexSentAt >= INTERVAL.toNanos()) {
                send(p, listening, now);
            }
        }
    }

    private static void send(PeerState peer, Set<InetSocketAddress> listening, long now) {
        List<InetSocketAddress> added = new ArrayList<>();
        boolean remote = !peer.link.address().getAddress().isLoopbackAddress();
        for (InetSocketAddress a : listening) {
            // a loopback address means another host to a remote peer: never told
            if (added.size() < PeerExchange.SEND_PEERS && !a.equals(peer.listenAddress())
                    && !(remote && a.getAddress().isLoopbackAddress()) && peer.pexSent.add(a)) {
                added.add(a);
            }
        }
        List<InetSocketAddress> dropped = new ArrayList<>();
        for (InetSocketAddress a : new HashSet<>(peer.pexSent)) {
            if (dropped.size() < PeerExchange.SEND_PEERS && !listening.contains(a)) {
                peer.pexSent.remove(a);
                dropped.add(a);
            }
        }
        if (!added.isEmpty() || !dropped.isEmpty()) {
            peer.link.send(new PeerExchange(added, dropped).toMessage(peer.pexId));
            peer.pexSentAt = now;
        }
    }

    /** A {@code ut_pex} message came from {@code peer}. */
    void received(PeerState peer, byte[] payload, long now) {
        if (peer.pexReceived && now - peer.pexReceivedAt < MIN_GAP.toNanos()) {
            LOG.debug("Ignored {} from {}: {} s after the last (expected: one a minute)", PeerExchange.NAME, peer,
                    (now - peer.pexReceivedAt) / 1_000_000_000L);
            return;
        }
        peer.pexReceived = true;
        peer.pexReceivedAt = now;
        try {
            List<InetSocketAddress> added = PeerExchange.parse(payload).added().stream()
                    .filter(a -> !a.getAddress().isAnyLocalAddress() && !a.getAddress().isMulticastAddress())
                    .toList();
            if (!added.isEmpty()) {
                exchanged.accept(added);
            }
        } catch (PeerWireException e) {
            LOG.info("Ignored {} from {}: protocol error: {}", PeerExchange.NAME, peer, e.getMessage());
        }
    }
}
