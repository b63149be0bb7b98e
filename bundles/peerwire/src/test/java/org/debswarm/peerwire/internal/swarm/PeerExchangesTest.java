package org.debswarm.peerwire.internal.swarm;

import static org.debswarm.peerwire.internal.swarm.SwarmHarness.link;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.debswarm.peerwire.internal.wire.ExtensionHandshake;
import org.debswarm.peerwire.internal.wire.Heard.Extended;
import org.debswarm.peerwire.internal.wire.Message;
import org.debswarm.peerwire.internal.wire.PeerExchange;
import org.debswarm.peerwire.internal.wire.PeerWireException;
import org.junit.Test;

/** BEP 11 in one swarm, with fake connections and a clock the test moves. */
public class PeerExchangesTest {

    private static final int PEX_ID = 9;
    private final SwarmHarness h = new SwarmHarness(new int[] {1000, 1000}, SwarmHarness.options(4));

    private PeerState pexPeer(int port) throws PeerWireException {
        PeerState p = h.peer(port);
        h.receive(p, new ExtensionHandshake(Map.of(PeerExchange.NAME, PEX_ID), "t", 0, 0).toMessage());
        return p;
    }

    private static List<PeerExchange> received(PeerState p) throws PeerWireException {
        List<PeerExchange> list = new java.util.ArrayList<>();
        for (Extended e : link(p).sent(Extended.class)) {
            if (e.extendedId() == PEX_ID) {
                list.add(PeerExchange.parse(e.payload()));
            }
        }
        return list;
    }

    private static Set<Integer> ports(List<InetSocketAddress> list) {
        return list.stream().map(InetSocketAddress::getPort).collect(Collectors.toSet());
    }

    @Test
    public void eachPeerHearsOfTheOthersAtMostOnceAMinuteThenOfThoseLost() throws Exception {
        PeerState a = pexPeer(101);
        pexPeer(102);
        PeerState c = pexPeer(103);
        h.swarm.tick();
        assertEquals(1, received(a).size());
        assertEquals(Set.of(102, 103), ports(received(a).get(0).added()));
        link(c).close("gone");
        h.advance(Duration.ofSeconds(59));
        h.swarm.tick();
        assertEquals("not within the minute", 1, received(a).size());
        h.advance(Duration.ofSeconds(1));
        h.swarm.tick();
        assertEquals(2, received(a).size());
        assertEquals(Set.of(103), ports(received(a).get(1).dropped()));
        assertEquals(List.of(), received(a).get(1).added());
    }

    @Test
    public void peersWithoutUtPexHearNothing() throws Exception {
        PeerState plain = h.peer(101);
        pexPeer(102);
        h.swarm.tick();
        assertEquals(List.of(), received(plain));
    }

    @Test
    public void whatAPeerTellsIsHandedOnAtMostOnceAMinuteAndMalformedListsAreIgnored() throws Exception {
        PeerState a = pexPeer(101);
        Message two = new PeerExchange(List.of(new InetSocketAddress("10.0.0.1", 1),
                new InetSocketAddress("10.0.0.2", 2)), List.of()).toMessage(PeerExchange.LOCAL_ID);
        h.receive(a, two);
        assertEquals(1, h.exchanged.size());
        h.receive(a, two);
        assertEquals("a second message within the minute is ignored", 1, h.exchanged.size());
        h.advance(Duration.ofSeconds(46));
        h.receive(a, new Extended(PeerExchange.LOCAL_ID, "d5:added5:abcdee".getBytes()));
        assertNull("a malformed message does not close the connection", link(a).closed);
        h.advance(Duration.ofSeconds(46));
        h.receive(a, two);
        assertEquals(2, h.exchanged.size());
        assertEquals(Set.of(1, 2), ports(h.exchanged.get(1)));
    }
}
