package org.debswarm.peerwire.internal.swarm;

import static org.debswarm.peerwire.internal.swarm.SwarmHarness.BLOCK;
import static org.debswarm.peerwire.internal.swarm.SwarmHarness.link;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.debswarm.peerwire.internal.wire.ExtensionHandshake;
import org.debswarm.peerwire.internal.wire.Heard;
import org.debswarm.peerwire.internal.wire.Heard.Extended;
import org.debswarm.peerwire.internal.wire.Heard.Have;
import org.debswarm.peerwire.internal.wire.MirrorFetchNotice;
import org.debswarm.peerwire.internal.wire.PeerWireException;
import org.junit.Test;

/**
 * ds_mirror_fetch in a swarm: it is offered in the extension handshake, sent only to peers that offered it, and
 * a peer's notices count until its {@code have}, its {@code abandoned} or its leaving; precedence goes by peer id.
 */
public class MirrorFetchNoticesTest {

    private final SwarmHarness h = new SwarmHarness(new int[] {BLOCK, BLOCK, BLOCK}, SwarmHarness.options(4));

    private PeerState speaking(int port, int id) throws PeerWireException {
        PeerState peer = h.peer(port);
        h.receive(peer, new ExtensionHandshake(Map.of(MirrorFetchNotice.NAME, id), "test", 0, 0).toMessage());
        return peer;
    }

    private void notice(PeerState peer, int piece, boolean fetching) throws PeerWireException {
        h.receive(peer, new MirrorFetchNotice(piece, fetching).toMessage(MirrorFetchNotice.LOCAL_ID));
    }

    @Test
    public void theExtensionIsOfferedInTheHandshake() throws Exception {
        PeerState peer = h.peer(200);
        Extended handshake = link(peer).sent(Extended.class).get(0);
        assertEquals(MirrorFetchNotice.LOCAL_ID,
                (int) ExtensionHandshake.parse(handshake.payload()).extensions().get(MirrorFetchNotice.NAME));
    }

    @Test
    public void noticesGoOnlyToPeersThatOfferedTheExtensionUnderTheirId() throws Exception {
        PeerState speaks = speaking(200, 9);
        PeerState silent = h.peer(201);
        link(speaks).clear();
        link(silent).clear();
        h.swarm.fetchingFromMirror(2, true);
        h.swarm.fetchingFromMirror(2, false);
        assertEquals(List.of(sentNotice(2, true, 9), sentNotice(2, false, 9)),
                link(speaks).sent(Extended.class));
        assertTrue(link(silent).sent.isEmpty());
    }

    @Test
    public void aPeerThatConnectsDuringAFetchHearsOfItAfterItsHandshake() throws Exception {
        h.swarm.fetchingFromMirror(1, true);
        h.swarm.fetchingFromMirror(2, true);
        h.swarm.fetchingFromMirror(2, false);
        PeerState late = speaking(200, 7);
        assertEquals(List.of(sentNotice(1, true, 7)),
                link(late).sent(Extended.class).stream().filter(e -> e.extendedId() == 7).toList());
    }

    @Test
    public void aPeersNoticeCountsUntilItsHaveItsAbandonOrItsLeaving() throws Exception {
        PeerState first = speaking(200, 9);
        PeerState second = speaking(201, 9);
        notice(first, 1, true);
        notice(second, 1, true);
        notice(second, 2, true);
        assertEquals(2, h.swarm.peersFetchingFromMirror(1, false));
        h.receive(first, new Have(1));
        assertEquals(1, h.swarm.peersFetchingFromMirror(1, false));
        notice(second, 1, false);
        assertEquals(0, h.swarm.peersFetchingFromMirror(1, false));
        assertEquals(1, h.swarm.peersFetchingFromMirror(2, false));
        link(second).close("gone");
        assertEquals(0, h.swarm.peersFetchingFromMirror(2, false));
    }

    @Test
    public void onlyPeersWhoseIdSortsBeforeOursHavePrecedence() throws Exception {
        PeerState before = speaking(0x10, 9); // id 10 00 00 ... < 40 40 40 ...
        PeerState after = speaking(0xc8, 9);  // id c8 00 00 ... > 40 40 40 ... (unsigned)
        notice(after, 0, true);
        assertEquals(1, h.swarm.peersFetchingFromMirror(0, false));
        assertEquals(0, h.swarm.peersFetchingFromMirror(0, true));
        notice(before, 0, true);
        assertEquals(1, h.swarm.peersFetchingFromMirror(0, true));
    }

    @Test
    public void aNoticeOutOfRangeEndsTheConnection() throws Exception {
        PeerState peer = speaking(200, 9);
        PeerWireException e = assertThrows(PeerWireException.class, () -> notice(peer, 3, true));
        assertEquals("ds_mirror_fetch piece 3 (expected: an integer 0 to 2)", e.getMessage());
    }

    /** The notice as the peer reads it from the wire. */
    private static Extended sentNotice(int piece, boolean fetching, int peersId) {
        return (Extended) Heard.of(new MirrorFetchNotice(piece, fetching).toMessage(peersId), 3);
    }
}
