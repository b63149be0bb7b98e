package org.debswarm.peerwire.internal.swarm;

import static org.debswarm.peerwire.internal.swarm.SwarmHarness.BLOCK;
import static org.debswarm.peerwire.internal.swarm.SwarmHarness.link;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.debswarm.peerwire.internal.wire.Heard.Request;
import org.junit.Test;

/** Bad data is blamed on whoever sent it, and a peer is banned after a few bad pieces. */
public class BlameAndBanTest {

    @Test
    public void aSoleLiarIsBannedAfterThreeBadPiecesByDefault() throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {BLOCK, BLOCK, BLOCK, BLOCK}, SwarmHarness.options(1));
        h.wantAll();
        PeerState liar = h.peer(1, 0, 1, 2, 3);
        h.unchoke(liar);
        h.serveAll(liar, false);
        assertEquals(3, liar.badPieces);
        assertTrue(link(liar).closed, link(liar).closed.startsWith("banned: 3 pieces failed verification"));
        assertTrue(h.bans.isBanned(link(liar).address));
        assertTrue(h.swarm.refusal(link(liar).address, liar.peerId).isPresent());
        assertEquals("the snapshot lists the ban once, for the statistics",
                List.of(java.util.HexFormat.of().formatHex(liar.peerId)), h.swarm.snapshot().bannedPeerIds());
        assertEquals(0, h.storage.had.cardinality());

        PeerState honest = h.peer(2, 0, 1, 2, 3);
        h.unchoke(honest);
        h.serveAll(honest, true);
        assertEquals(4, h.storage.had.cardinality());
        assertEquals(0, honest.badPieces);
    }

    @Test
    public void inAMixedPieceOnlyTheSenderOfTheBadBlockIsBlamed() throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {2 * BLOCK}, SwarmHarness.options(1));
        h.swarm.want(0);
        PeerState good = h.peer(1, 0);
        PeerState bad = h.peer(2, 0);
        h.unchoke(good);
        h.unchoke(bad);
        h.answer(good, new Request(0, 0, BLOCK), true);
        assertEquals(List.of(new Request(0, BLOCK, BLOCK)), link(bad).sent(Request.class));
        link(good).clear();
        h.answer(bad, new Request(0, BLOCK, BLOCK), false);
        assertFalse("the mixed piece failed", h.storage.had.get(0));
        assertEquals("nobody blamed yet", 0, good.badPieces + bad.badPieces);

        // the retry comes from one peer only
        h.serveAll(good, true);
        assertTrue(link(bad).sent(Request.class).size() == 1);
        assertTrue(h.storage.had.get(0));
        assertEquals("the good copy shows who lied", 1, bad.badPieces);
        assertEquals(0, good.badPieces);
        assertNull("one bad piece is not yet a ban", link(bad).closed);
        assertEquals(List.of(), h.swarm.snapshot().bannedPeerIds());
    }
}
