package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.Test;

/** Retries after 1 s, doubling up to 5 min; at once when given again; bounded to the addresses given last. */
public class KnownPeersTest {

    private static final long S = 1_000_000_000L;
    private static final InetSocketAddress A = new InetSocketAddress("192.0.2.1", 6881);
    private static final InetSocketAddress B = new InetSocketAddress("192.0.2.2", 6881);
    private static final InetSocketAddress C = new InetSocketAddress("192.0.2.3", 6881);

    @Test
    public void retriesBackOffAndStartOverWhenConnected() {
        KnownPeers known = new KnownPeers(10);
        known.given(A, 0);
        assertEquals(List.of(A), known.due(0));
        known.lost(A, 0);
        assertEquals(List.of(), known.due(S - 1));
        assertEquals(List.of(A), known.due(S));
        known.lost(A, S);
        assertEquals(List.of(), known.due(3 * S - 1));
        assertEquals(List.of(A), known.due(3 * S));
        for (int i = 0; i < 10; i++) {
            known.lost(A, 1000 * S);
        }
        assertEquals("at most 5 min", List.of(A), known.due(1300 * S));
        known.connected(A);
        known.lost(A, 2000 * S);
        assertEquals(List.of(A), known.due(2001 * S));
        known.lost(A, 3000 * S);
        known.given(A, 3001 * S);
        assertEquals("given again: due at once", List.of(A), known.due(3001 * S));
    }

    @Test
    public void onlyTheAddressesGivenLastAreKept() {
        KnownPeers known = new KnownPeers(2);
        known.given(A, 0);
        known.given(B, 0);
        known.given(C, 0);
        assertEquals(List.of(B, C), known.due(0));
        known.lost(A, 0); // forgotten: nothing to do
        assertEquals(List.of(B, C), known.due(0));
    }
}
