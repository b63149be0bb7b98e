package org.debswarm.peerwire.internal.swarm;

import static org.debswarm.peerwire.internal.swarm.SwarmHarness.BLOCK;
import static org.debswarm.peerwire.internal.swarm.SwarmHarness.link;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;

import org.debswarm.peerwire.internal.wire.Heard.Choke;
import org.debswarm.peerwire.internal.wire.Heard.Interested;
import org.debswarm.peerwire.internal.wire.Heard.KeepAlive;
import org.debswarm.peerwire.internal.wire.Heard.Request;
import org.debswarm.peerwire.internal.wire.Heard.Unchoke;
import org.junit.Test;

/** Peers that hold a slot without progress (finding F5 of issue 15): stalled uploads, idle connections. */
public class SlotHoldersTest {

    private final SwarmHarness h = new SwarmHarness(new int[] {16 * BLOCK}, SwarmHarness.options(4));

    /** One tick after the bytes of every reading peer moved on. */
    private void tick(PeerState... reading) {
        for (PeerState p : reading) {
            link(p).written += BLOCK;
        }
        h.advance(Duration.ofSeconds(2));
        h.swarm.tick();
    }

    private PeerState interested(int port) throws Exception {
        PeerState p = h.peer(port);
        h.receive(p, Interested.INSTANCE);
        return p;
    }

    @Test
    public void aPeerThatRequestsAndNeverReadsLosesItsSlot() throws Exception {
        h.storage.had.set(0);
        PeerState greedy = interested(1);
        PeerState[] readers = {interested(2), interested(3), interested(4)};
        PeerState waiting = interested(5);
        assertTrue("four slots taken", link(waiting).sent(Unchoke.class).isEmpty());
        for (int i = 0; i < readers.length; i++) {
            h.receive(readers[i], new Request(0, (i + 1) * BLOCK, BLOCK));
        }
        h.receive(greedy, new Request(0, 0, BLOCK));
        link(greedy).queued = Uploader.HIGH_WATER;
        tick(readers);
        assertTrue("one tick is not yet a whole interval", link(greedy).sent(Choke.class).isEmpty());
        tick(readers);
        assertEquals(List.of(Choke.INSTANCE), link(greedy).sent(Choke.class));
        assertTrue(greedy.stalled());
        assertEquals("the slot goes on", List.of(Unchoke.INSTANCE), link(waiting).sent(Unchoke.class));
        for (PeerState r : readers) {
            assertTrue(r + " keeps its slot", link(r).sent(Choke.class).isEmpty());
        }
    }

    @Test
    public void amongPeersOfEqualMeritTheNewestIsUnchokedFirst() {
        Choker choker = new Choker(2, new java.util.Random(1));
        List<PeerState> peers = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            PeerState p = new PeerState(new FakeLink(i + 1), new byte[20], i);
            p.peerInterested = true;
            peers.add(p);
        }
        assertEquals(java.util.Set.copyOf(peers), choker.choose(peers, p -> 0, false));
        PeerState stalled = peers.get(1);
        stalled.stalled = true;
        assertEquals("a stalled peer is no candidate", java.util.Set.of(peers.get(0)),
                choker.choose(peers, p -> 0, false));
        stalled.stalled = false;
        PeerState newest = new PeerState(new FakeLink(9), new byte[20], 10);
        newest.peerInterested = true;
        peers.add(newest);
        java.util.Set<PeerState> chosen = choker.choose(peers, p -> 0, false);
        assertTrue("the newest has the regular slot: " + chosen, chosen.contains(newest));
    }

    @Test
    public void aSlotHolderThatRequestsNothingKeepsItsSlotWhileNobodyWaits() throws Exception {
        h.storage.had.set(0);
        PeerState[] holders = {interested(1), interested(2), interested(3), interested(4)};
        for (int i = 0; i < 5; i++) {
            tick();
        }
        for (PeerState p : holders) {
            assertTrue(p + " keeps its slot: it asks when apt asks", link(p).sent(Choke.class).isEmpty());
            assertFalse(p.stalled());
        }
    }

    @Test
    public void anUnchokedPeerThatRequestsNothingLosesItsSlotToOneThatWaits() throws Exception {
        h.storage.had.set(0);
        PeerState silent = interested(1);
        PeerState[] readers = {interested(2), interested(3), interested(4)};
        PeerState waiting = interested(5);
        tick(readers);
        tick(readers);
        assertEquals(List.of(Choke.INSTANCE), link(silent).sent(Choke.class));
        assertEquals(List.of(Unchoke.INSTANCE), link(waiting).sent(Unchoke.class));
        for (PeerState r : readers) {
            assertTrue(link(r).sent(Choke.class).isEmpty());
        }
        tick(readers[0], readers[1], readers[2], waiting);
        assertFalse("choked with nothing queued: a candidate again", silent.stalled());
        assertNull(link(silent).closed);
    }

    @Test
    public void aStalledPeerIsClosedAfterTheSnubTimeoutAndOneThatReadsAgainIsNot() throws Exception {
        h.storage.had.set(0);
        PeerState stuck = interested(1);
        PeerState slow = interested(2);
        h.receive(stuck, new Request(0, 0, BLOCK));
        h.receive(slow, new Request(0, BLOCK, BLOCK));
        link(stuck).queued = BLOCK;
        link(slow).queued = BLOCK;
        tick();
        tick();
        assertTrue(stuck.stalled() && slow.stalled());
        tick(slow);
        assertFalse("it read again", slow.stalled());
        for (int i = 0; i < 31; i++) {
            tick(slow);
            h.receive(stuck, KeepAlive.INSTANCE);
            h.receive(slow, KeepAlive.INSTANCE);
        }
        assertEquals("stalled: took none of 16384 queued bytes for 60 s", link(stuck).closed);
        assertNull(link(slow).closed);
    }

    @Test
    public void aFullTorrentClosesTheIdlestPeerThatNeitherSideWants() throws Exception {
        PeerState wanting = interested(1);
        PeerState idlest = h.peer(2);
        h.advance(Duration.ofSeconds(5));
        PeerState idle = h.peer(3);
        h.receive(idle, KeepAlive.INSTANCE);
        h.receive(wanting, KeepAlive.INSTANCE);
        assertTrue(h.swarm.evictIdlePeer());
        assertEquals("idle: neither side interested, and the torrent is full", link(idlest).closed);
        assertTrue(h.swarm.evictIdlePeer());
        assertEquals("idle: neither side interested, and the torrent is full", link(idle).closed);
        assertFalse("an interested peer is never made room of", h.swarm.evictIdlePeer());
        assertNull(link(wanting).closed);
    }
}
