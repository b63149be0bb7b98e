package org.debswarm.peerwire.internal.swarm;

import static org.debswarm.peerwire.internal.swarm.SwarmHarness.link;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.debswarm.peerwire.internal.wire.Handshake;
import org.debswarm.torrent.InfoHash;
import org.junit.Test;

/**
 * Two connections with one peer, each side having dialled the other: the one the lower peer id opened stays on
 * both sides; an established connection is never given up for a newcomer with the same peer id.
 */
public class SimultaneousDialTest {

    private final SwarmHarness h = new SwarmHarness(new int[] {1000}, SwarmHarness.options(4));

    /** Peer ids sort against ours (0x40 in every byte) by their first byte. */
    private static byte[] id(int first) {
        byte[] id = new byte[20];
        java.util.Arrays.fill(id, (byte) 0x40);
        id[0] = (byte) first;
        return id;
    }

    private PeerState attached(int port, byte[] id, boolean incoming) {
        FakeLink l = new FakeLink(port);
        l.incoming = incoming;
        PeerState p = h.swarm.join(l, Handshake.of(InfoHash.of(new byte[20]), id));
        l.onClose = () -> h.swarm.detached(p, l.closed);
        return p;
    }

    @Test
    public void theConnectionALowerPeerOpenedReplacesOursWhileYoung() {
        PeerState ours = attached(1, id(0x10), false);
        Optional<String> refusal = h.swarm.refusal(link(ours).address, id(0x10), true);
        assertEquals(Optional.empty(), refusal);
        assertTrue(link(ours).closed, link(ours).closed.startsWith("replaced"));
    }

    @Test
    public void theConnectionWeOpenedToAHigherPeerStays() {
        PeerState ours = attached(1, id(0x70), false);
        assertEquals(Optional.of("already connected to this peer id"),
                h.swarm.refusal(link(ours).address, id(0x70), true));
        assertNull(link(ours).closed);
    }

    @Test
    public void anEstablishedConnectionIsNeverGivenUp() {
        PeerState ours = attached(1, id(0x10), false);
        h.advance(Duration.ofSeconds(11));
        assertEquals(Optional.of("already connected to this peer id"),
                h.swarm.refusal(link(ours).address, id(0x10), true));
        assertNull(link(ours).closed);
    }
}
