package org.debswarm.peerwire.internal.swarm;

import static org.debswarm.peerwire.internal.swarm.SwarmHarness.BLOCK;
import static org.debswarm.peerwire.internal.swarm.SwarmHarness.link;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.debswarm.peerwire.internal.wire.Heard.Cancel;
import org.debswarm.peerwire.internal.wire.Heard.Choke;
import org.debswarm.peerwire.internal.wire.Heard.Interested;
import org.debswarm.peerwire.internal.wire.Heard.KeepAlive;
import org.debswarm.peerwire.internal.wire.Heard.NotInterested;
import org.debswarm.peerwire.internal.wire.Heard.Request;
import org.debswarm.peerwire.internal.wire.Heard.Unchoke;
import org.debswarm.peerwire.internal.wire.PeerWireException;
import org.junit.Test;

/** Tit-for-tat with an optimistic unchoke; uploads of verified pieces only; snubs, idle peers, keep-alives. */
public class ChokingAndTimersTest {

    @Test
    public void titForTatWithOneOptimisticSlot() {
        Choker choker = new Choker(4, new Random(5));
        List<PeerState> peers = new ArrayList<>();
        Map<PeerState, Long> rate = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            PeerState p = new PeerState(new FakeLink(i + 1), new byte[20], 0);
            p.peerInterested = i != 7;
            peers.add(p);
            rate.put(p, (long) (i * 100));
        }
        Set<PeerState> optimists = new HashSet<>();
        for (int round = 0; round < 30; round++) {
            Set<PeerState> chosen = choker.choose(peers, rate::get, true);
            assertEquals(4, chosen.size());
            assertTrue("the three best givers", chosen.containsAll(peers.subList(4, 7)));
            assertFalse("never the uninterested one", chosen.contains(peers.get(7)));
            optimists.add(choker.optimistic());
        }
        assertTrue("the optimistic slot moves on: " + optimists.size(), optimists.size() > 1);
        PeerState kept = choker.optimistic();
        choker.choose(peers, rate::get, false);
        assertEquals("between rotations it stays", kept, choker.optimistic());
    }

    @Test
    public void uploadsOnlyVerifiedPiecesToUnchokedPeers() throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {2 * BLOCK, BLOCK}, SwarmHarness.options(4));
        h.storage.had.set(0);
        PeerState p = h.peer(1);
        h.receive(p, new Request(0, 0, BLOCK));
        assertTrue("choked: dropped", link(p).blocks.isEmpty());
        h.receive(p, Interested.INSTANCE);
        assertEquals(List.of(Unchoke.INSTANCE), link(p).sent(Unchoke.class));
        h.receive(p, new Request(0, BLOCK, BLOCK));
        h.receive(p, new Request(1, 0, BLOCK));
        assertEquals(1, link(p).blocks.size());
        assertEquals(List.of(0, BLOCK, BLOCK), List.of(link(p).blocks.get(0)[0], link(p).blocks.get(0)[1],
                link(p).blocks.get(0)[2]));
        PeerWireException e = assertThrows(PeerWireException.class,
                () -> h.receive(p, new Request(0, BLOCK, BLOCK + 1)));
        assertEquals("request of 16385 bytes at 16384 in piece 0 (expected: within its 32768 bytes)", e.getMessage());
        assertEquals(BLOCK, h.swarm.snapshot().uploaded());
    }

    @Test
    public void uploadsWaitWhileTheConnectionIsBackedUp() throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {4 * BLOCK}, SwarmHarness.options(4));
        h.storage.had.set(0);
        PeerState p = h.peer(1);
        h.receive(p, Interested.INSTANCE);
        link(p).queued = Uploader.HIGH_WATER;
        for (int b = 0; b < 4; b++) {
            h.receive(p, new Request(0, b * BLOCK, BLOCK));
        }
        assertTrue(link(p).blocks.isEmpty());
        link(p).queued = 0;
        h.swarm.writable(p);
        assertEquals(4, link(p).blocks.size());
        h.receive(p, new Cancel(0, 0, BLOCK));
        assertEquals("a cancel after sending changes nothing", 4, link(p).blocks.size());
    }

    @Test
    public void cancelledAndChokedRequestsAreNotServed() throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {4 * BLOCK}, SwarmHarness.options(4));
        h.storage.had.set(0);
        PeerState p = h.peer(1);
        h.receive(p, Interested.INSTANCE);
        link(p).queued = Uploader.HIGH_WATER;
        h.receive(p, new Request(0, 0, BLOCK));
        h.receive(p, new Request(0, BLOCK, BLOCK));
        h.receive(p, new Cancel(0, 0, BLOCK));
        link(p).queued = 0;
        h.swarm.writable(p);
        assertEquals(1, link(p).blocks.size());
        assertEquals(BLOCK, link(p).blocks.get(0)[1]);
    }

    @Test
    public void aPeerBetweenTwoFilesStaysUnchokedSoItsNextRequestsAreServedOnceAndTheRoundChokesItIfItStaysIdle()
            throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {2 * BLOCK, BLOCK}, SwarmHarness.options(4));
        h.storage.had.set(0);
        h.storage.had.set(1);
        PeerState p = h.peer(1);
        h.receive(p, Interested.INSTANCE);
        h.receive(p, NotInterested.INSTANCE); // its apt's first file is done
        h.receive(p, Interested.INSTANCE); // and the next one asked for, with its requests right behind
        h.receive(p, new Request(0, 0, BLOCK));
        assertEquals("never choked in between (its requests would have crossed the choke)", List.of(),
                link(p).sent(Choke.class));
        assertEquals(List.of(Unchoke.INSTANCE), link(p).sent(Unchoke.class));
        assertEquals("served once", 1, link(p).blocks.size());

        h.receive(p, NotInterested.INSTANCE);
        h.advance(SwarmOptions.DEFAULTS.chokeInterval().plusSeconds(1));
        h.swarm.tick();
        assertEquals("the next round chokes a peer that stays not interested", List.of(Choke.INSTANCE),
                link(p).sent(Choke.class));
    }

    @Test
    public void snubbedPeersAreDropped() throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {BLOCK}, SwarmHarness.options(4));
        h.swarm.want(0);
        PeerState p = h.peer(1, 0);
        h.unchoke(p);
        h.advance(Duration.ofSeconds(30));
        h.receive(p, KeepAlive.INSTANCE);
        h.swarm.tick();
        assertNull(link(p).closed);
        h.advance(Duration.ofSeconds(31));
        h.swarm.tick();
        assertEquals("snubbed: no block for 60 s", link(p).closed);
        assertTrue(h.swarm.snapshot().peers().isEmpty());
    }

    @Test
    public void keepAlivesAndIdleTimeout() throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {BLOCK}, SwarmHarness.options(4));
        PeerState p = h.peer(1);
        h.advance(Duration.ofSeconds(91));
        h.swarm.tick();
        assertEquals(1, link(p).sent(KeepAlive.class).size());
        h.advance(Duration.ofSeconds(90));
        h.swarm.tick();
        assertEquals("idle for 180 s", link(p).closed);
    }

    @Test
    public void aNewlyInterestedPeerWaitsWhenTheSlotsAreFull() throws Exception {
        SwarmHarness h = new SwarmHarness(new int[] {BLOCK}, SwarmHarness.options(4));
        h.storage.had.set(0);
        List<PeerState> peers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            PeerState p = h.peer(i);
            h.receive(p, Interested.INSTANCE);
            peers.add(p);
        }
        assertEquals(4, peers.stream().filter(p -> !p.amChoking).count());
        assertTrue(peers.get(4).amChoking);
        h.advance(Duration.ofSeconds(31));
        h.swarm.tick();
        assertEquals("the choker keeps four slots", 4, peers.stream().filter(p -> !p.amChoking).count());
        long chokes = peers.stream().mapToLong(p -> link(p).sent(Choke.class).size()).sum();
        assertTrue("at most one peer changed places: " + chokes, chokes <= 1);
    }
}
