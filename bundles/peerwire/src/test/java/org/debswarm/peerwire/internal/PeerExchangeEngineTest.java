package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.debswarm.peerwire.TorrentSession;
import org.debswarm.peerwire.internal.fleet.FleetKey;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.PackagesTorrent;
import org.junit.Test;

/**
 * BEP 11 between real engines: a node given only one peer finds the others through it. Three engines; B and
 * C are each told of A alone, and end up connected to each other, with and without a fleet key.
 */
public class PeerExchangeEngineTest extends EngineTestSupport {

    private void oneKnownPeerSuffices(FleetOptions fleet) throws Exception {
        files(50_000, 60_000);
        FileSystemPieceStore aStore = store("a");
        PackagesTorrent ta = torrent();
        seed(aStore, ta);
        PeerEngine a = engine(aStore, fleet);
        a.start(ta, HOST, ROOT);
        PackagesTorrent tb = torrent();
        PackagesTorrent tc = torrent();
        FileSystemPieceStore cStore = store("c");
        PeerEngine b = engine(store("b"), fleet);
        PeerEngine c = engine(cStore, fleet);
        TorrentSession sb = b.start(tb, HOST, ROOT);
        TorrentSession sc = c.start(tc, HOST, ROOT);
        sb.addPeers(List.of(at(a)));
        eventually("B connected to A", () -> peers(sb) == 1);
        sc.addPeers(List.of(at(a)));
        eventually("C learnt of B through A and connected", () -> peers(sc) == 2 && peers(sb) == 2);
        await(sc.want(tc.indexOf(paths.get(1))));
        assertArrayEquals(contents.get(1), stored(cStore, 1));
    }

    private static int peers(TorrentSession session) {
        return session.snapshot().peers().size();
    }

    @Test
    public void oneKnownPeerSufficesInAnOpenSwarm() throws Exception {
        oneKnownPeerSuffices(FleetOptions.NONE);
    }

    @Test
    public void oneKnownPeerSufficesInAFleet() throws Exception {
        oneKnownPeerSuffices(FleetOptions.NONE.withKey(FleetKey.of(
                "fleet key of the peer exchange test".getBytes(StandardCharsets.US_ASCII), "test")));
    }
}
