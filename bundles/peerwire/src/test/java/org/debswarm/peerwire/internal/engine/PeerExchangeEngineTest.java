package org.debswarm.peerwire.internal.engine;

import static org.junit.Assert.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.debswarm.peerwire.internal.FleetOptions;
import org.debswarm.peerwire.internal.PeerEngine;
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
        b.start(tb, HOST, ROOT);
        c.start(tc, HOST, ROOT);
        b.session(tb.infoHash()).orElseThrow().addPeers(List.of(at(a)));
        eventually("B connected to A", () -> b.snapshot(tb.infoHash()).map(t -> t.peers().size()).orElse(0) == 1);
        c.session(tc.infoHash()).orElseThrow().addPeers(List.of(at(a)));
        eventually("C learnt of B through A and connected", () -> c.snapshot(tc.infoHash()).map(t -> t.peers().size()).orElse(0) == 2
                && b.snapshot(tb.infoHash()).map(t -> t.peers().size()).orElse(0) == 2);
        await(c.session(tc.infoHash()).orElseThrow().want(tc.indexOf(paths.get(1))));
        assertArrayEquals(contents.get(1), stored(cStore, 1));
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
