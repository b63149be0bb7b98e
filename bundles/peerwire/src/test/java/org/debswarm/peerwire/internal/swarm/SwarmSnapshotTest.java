package org.debswarm.peerwire.internal.swarm;

import static org.debswarm.peerwire.internal.swarm.SwarmHarness.BLOCK;
import static org.debswarm.peerwire.internal.swarm.SwarmHarness.link;
import static org.junit.Assert.assertEquals;

import java.util.List;

import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.peerwire.internal.wire.Heard.Have;
import org.junit.Test;

/** What a swarm's snapshot says in bytes: the union of what it and its peers hold, weighted by piece length. */
public class SwarmSnapshotTest {

    // pieces of very different lengths, as a Packages torrent's files are
    private static final int[] LENGTHS = {100, 3 * BLOCK, 7, 2 * BLOCK + 5, 40};

    @Test
    public void theSwarmHoldsTheUnionOfOurPiecesAndEveryPeersWantedOnesByLength() throws Exception {
        SwarmHarness h = new SwarmHarness(LENGTHS, SwarmHarness.options(1));
        for (int p : new int[] {0, 1, 2, 3}) {
            h.wanted.set(p);
        }
        h.storage.had.set(0);
        assertFigures(h, 100 + 3 * BLOCK + 7 + 2 * BLOCK + 5, 100);

        PeerState first = h.peer(1, 1, 4); // piece 4 is not wanted: it never counts
        PeerState second = h.peer(2, 1, 2);
        assertFigures(h, 100 + 3 * BLOCK + 7 + 2 * BLOCK + 5, 100 + 3 * BLOCK + 7);

        link(first).close("gone");
        assertFigures(h, 100 + 3 * BLOCK + 7 + 2 * BLOCK + 5, 100 + 3 * BLOCK + 7);
        link(second).close("gone");
        assertFigures(h, 100 + 3 * BLOCK + 7 + 2 * BLOCK + 5, 100);

        PeerState third = h.peer(3);
        h.receive(third, new Have(3));
        assertFigures(h, 100 + 3 * BLOCK + 7 + 2 * BLOCK + 5, 100 + 2 * BLOCK + 5);
    }

    @Test
    public void nothingWantedIsNothingHeld() throws Exception {
        SwarmHarness h = new SwarmHarness(LENGTHS, SwarmHarness.options(1));
        h.storage.had.set(1);
        h.peer(1, 0, 1, 2, 3, 4);
        assertFigures(h, 0, 0);
        assertEquals("the torrent's length is still there", 100 + 3 * BLOCK + 7 + 2 * BLOCK + 5 + 40,
                h.swarm.snapshot().totalBytes());
    }

    @Test
    public void noBansNoIds() throws Exception {
        SwarmHarness h = new SwarmHarness(LENGTHS, SwarmHarness.options(1));
        h.peer(1, 0);
        assertEquals(List.of(), h.swarm.snapshot().bannedPeerIds());
    }

    private static void assertFigures(SwarmHarness h, long wanted, long heldBySwarm) {
        SessionSnapshot s = h.swarm.snapshot();
        assertEquals("wanted bytes", wanted, s.wantedTotalBytes());
        assertEquals("bytes held by the swarm", heldBySwarm, s.bytesHeldBySwarm());
    }
}
