package org.debswarm.peerwire.internal.swarm;

import static org.debswarm.peerwire.internal.swarm.SwarmHarness.BLOCK;
import static org.debswarm.peerwire.internal.swarm.SwarmHarness.link;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.debswarm.peerwire.internal.wire.Heard.Bitfield;
import org.debswarm.peerwire.internal.wire.Heard.Cancel;
import org.debswarm.peerwire.internal.wire.Heard.Choke;
import org.debswarm.peerwire.internal.wire.Heard.Have;
import org.debswarm.peerwire.internal.wire.Heard.Interested;
import org.debswarm.peerwire.internal.wire.Heard.Request;
import org.junit.Test;

/** What is requested, from whom and in which order. */
public class PiecePickingTest {

    private static int[] lengths(int count, int length) {
        int[] l = new int[count];
        java.util.Arrays.fill(l, length);
        return l;
    }

    @Test
    public void onlyWantedPiecesAndTheAwaitedOneFirst() throws Exception {
        SwarmHarness h = new SwarmHarness(lengths(10, BLOCK), SwarmHarness.options(1));
        h.wanted.set(2);
        h.wanted.set(5);
        PeerState a = h.peer(1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        CompletableFuture<Void> seven = h.swarm.want(7);
        assertEquals(List.of(Interested.INSTANCE), link(a).sent(Interested.class));
        h.unchoke(a);
        assertEquals(List.of(new Request(7, 0, BLOCK)), link(a).sent(Request.class));
        h.serveAll(a, true);
        assertTrue(seven.isDone());
        assertEquals("only wanted pieces: 7, then 2 and 5", 3, link(a).sent(Request.class).size());
        assertTrue(h.storage.had.get(2) && h.storage.had.get(5) && !h.storage.had.get(3));
        assertEquals("have announced after verification", 3, link(a).sent(Have.class).size());
    }

    @Test
    public void rarestFirstAmongTheRest() throws Exception {
        SwarmHarness h = new SwarmHarness(lengths(4, BLOCK), SwarmHarness.options(1));
        h.wantAll();
        h.peer(2, 0, 1, 2);
        h.peer(3, 0, 1);
        h.peer(4, 0);
        PeerState a = h.peer(1, 0, 1, 2, 3);
        h.unchoke(a);
        h.serveAll(a, true);
        assertEquals(List.of(new Request(3, 0, BLOCK), new Request(2, 0, BLOCK), new Request(1, 0, BLOCK),
                new Request(0, 0, BLOCK)), link(a).sent(Request.class));
    }

    @Test
    public void blocksOfOnePieceComeFromSeveralPeers() throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {8 * BLOCK}, SwarmHarness.options(4));
        h.swarm.want(0);
        PeerState a = h.peer(1, 0);
        PeerState b = h.peer(2, 0);
        h.unchoke(a);
        h.unchoke(b);
        assertEquals(List.of(0, 1, 2, 3), blocks(a));
        assertEquals(List.of(4, 5, 6, 7), blocks(b));
    }

    @Test
    public void endgameAsksTwiceAndCancelsTheCopy() throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {2 * BLOCK - 100}, SwarmHarness.options(4));
        h.swarm.want(0);
        PeerState a = h.peer(1, 0);
        PeerState b = h.peer(2, 0);
        h.unchoke(a);
        h.unchoke(b);
        assertEquals(List.of(0, 1), blocks(a));
        assertEquals("a answering in time is never doubled", List.of(), blocks(b));
        h.advance(Duration.ofNanos(PiecePicker.ENDGAME_AFTER));
        h.swarm.tick();
        assertEquals("endgame: the same blocks from b once a is late", List.of(0, 1), blocks(b));
        h.answer(a, new Request(0, 0, BLOCK), true);
        assertEquals(List.of(new Cancel(0, 0, BLOCK)), link(b).sent(Cancel.class));
        h.answer(b, new Request(0, BLOCK, BLOCK - 100), true);
        assertTrue(h.storage.had.get(0));
        assertEquals(List.of(new Cancel(0, BLOCK, BLOCK - 100)), link(a).sent(Cancel.class));
    }

    @Test
    public void endgameNeverAsksAThirdPeer() throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {2 * BLOCK}, SwarmHarness.options(4));
        h.swarm.want(0);
        PeerState a = h.peer(1, 0);
        PeerState b = h.peer(2, 0);
        PeerState c = h.peer(3, 0);
        h.unchoke(a);
        h.unchoke(b);
        h.unchoke(c);
        h.advance(Duration.ofNanos(PiecePicker.ENDGAME_AFTER));
        h.swarm.tick();
        assertEquals(List.of(0, 1), blocks(a));
        assertEquals(2, blocks(b).size() + blocks(c).size());
        h.advance(Duration.ofSeconds(10));
        h.swarm.tick();
        assertEquals("still two requests per block", 2, blocks(b).size() + blocks(c).size());
    }

    @Test
    public void noEndgameWhileAWantedPieceIsLeftToStart() throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {2 * BLOCK, BLOCK}, SwarmHarness.options(4));
        h.wantAll();
        PeerState a = h.peer(1, 0);
        PeerState b = h.peer(2, 0);
        h.peer(3, 1);
        h.unchoke(a);
        h.unchoke(b);
        h.advance(Duration.ofSeconds(10));
        h.swarm.tick();
        assertEquals(List.of(0, 1), blocks(a));
        assertEquals("piece 1 is still to come from the choking peer: not the end", List.of(), blocks(b));
    }

    @Test
    public void aFileHeldByThreePeersArrivesAboutOnce() throws Exception {
        int blocks = 640;
        SwarmHarness h = new SwarmHarness(new int[] {blocks * BLOCK, 13 * BLOCK}, SwarmHarness.options(128));
        h.wantAll();
        List<PeerState> peers = List.of(h.peer(1, 0, 1), h.peer(2, 0, 1), h.peer(3, 0, 1));
        for (PeerState p : peers) {
            h.unchoke(p);
        }
        for (int round = 0; round < 10_000 && !(h.storage.had.get(0) && h.storage.had.get(1)); round++) {
            PeerState p = peers.get(round % 3);
            if (!p.requested.isEmpty()) {
                var ref = p.requested.keySet().iterator().next();
                h.answer(p, new Request(ref.piece(), ref.begin(), ref.length()), true);
            }
            if (round % 50 == 0) {
                h.advance(Duration.ofMillis(100));
                h.swarm.tick();
            }
        }
        assertTrue(h.storage.had.get(0) && h.storage.had.get(1));
        int asked = peers.stream().mapToInt(p -> link(p).sent(Request.class).size()).sum();
        assertTrue("asked for " + asked + " blocks of " + (blocks + 13), asked <= 1.1 * (blocks + 13));
        assertTrue("the large file came from all three peers",
                peers.stream().allMatch(p -> blocks(p).size() > blocks / 10));
    }

    @Test
    public void aStalledPeersBlocksComeFromAnotherOnce() throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {64 * BLOCK}, SwarmHarness.options(8));
        h.swarm.want(0);
        PeerState stalled = h.peer(1, 0);
        PeerState b = h.peer(2, 0);
        h.unchoke(stalled);
        h.unchoke(b);
        for (int round = 0; round < 1000 && !h.storage.had.get(0); round++) {
            if (b.requested.isEmpty()) {
                h.advance(Duration.ofSeconds(1));
                h.swarm.tick();
            } else {
                var ref = b.requested.keySet().iterator().next();
                h.answer(b, new Request(ref.piece(), ref.begin(), ref.length()), true);
            }
        }
        assertTrue("completed without the stalled peer", h.storage.had.get(0));
        assertEquals("b was asked for each block once, the stalled peer's 8 included", 64, blocks(b).size());
        assertEquals(64, blocks(b).stream().distinct().count());
    }

    @Test
    public void chokingReleasesRequestsToOthers() throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {4 * BLOCK}, SwarmHarness.options(4));
        h.swarm.want(0);
        PeerState a = h.peer(1, 0);
        PeerState b = h.peer(2, 0);
        h.unchoke(a);
        h.receive(a, Choke.INSTANCE);
        h.unchoke(b);
        assertEquals("b gets the blocks a will not send, not as endgame copies", List.of(0, 1, 2, 3), blocks(b));
        assertTrue(a.requested.isEmpty());
    }

    @Test
    public void aLateBitfieldMayOnlyAddPieces() throws Exception {
        SwarmHarness h = new SwarmHarness(lengths(10, BLOCK), SwarmHarness.options(1));
        h.wantAll();
        PeerState a = h.peer(1, 0);
        h.receive(a, new Have(1));
        java.util.BitSet more = new java.util.BitSet();
        more.set(0, 5);
        h.receive(a, Bitfield.of(more, 10));
        assertEquals(5, a.has.cardinality());
        assertEquals(5L * BLOCK, a.bytesHad);
        java.util.BitSet fewer = new java.util.BitSet();
        fewer.set(2, 5);
        org.debswarm.peerwire.internal.wire.PeerWireException e = org.junit.Assert.assertThrows(
                org.debswarm.peerwire.internal.wire.PeerWireException.class,
                () -> h.receive(a, Bitfield.of(fewer, 10)));
        assertEquals("late bitfield without piece 0 the peer announced (expected: only right after the handshake, "
                + "or only adding pieces)", e.getMessage());
    }

    private static List<Integer> blocks(PeerState p) {
        return link(p).sent(Request.class).stream().map(r -> r.begin() / BLOCK).toList();
    }
}
