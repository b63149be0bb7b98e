package org.debswarm.node.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import org.debswarm.node.NodeWarning;
import org.junit.Test;

public class ReachabilityTest {

    private static List<List<URI>> trackers(String... urls) {
        return List.of(java.util.Arrays.stream(urls).map(URI::create).toList());
    }

    @Test
    public void aLanTrackerWithThePeerWireOnLoopbackIsSaid() throws Exception {
        List<NodeWarning> warnings = Reachability.warnings(trackers("http://127.0.0.1:6969/announce",
                "http://10.0.0.5:6969/announce", "http://tracker.lan:6969/announce"), InetAddress.getLoopbackAddress());
        assertEquals(2, warnings.size());
        NodeWarning first = warnings.get(0);
        assertEquals("loopback-peer-wire http://10.0.0.5:6969/announce", first.key());
        assertTrue(first.text(), first.text().startsWith("Tracker http://10.0.0.5:6969/announce is on another"
                + " host, but the peer wire listens on 127.0.0.1 only"));
        assertEquals("lan= (an interface or CIDR) in PID org.debswarm.peerwire", first.setting());
        assertEquals("loopback-peer-wire http://tracker.lan:6969/announce", warnings.get(1).key());
    }

    @Test
    public void nothingToSayOnTheLanOrWithALocalTracker() throws Exception {
        assertEquals(List.of(), Reachability.warnings(trackers("http://10.0.0.5:6969/announce"),
                InetAddress.getByName("10.0.0.7")));
        assertEquals(List.of(), Reachability.warnings(trackers("http://localhost:6969/announce",
                "http://[::1]:6969/announce"), InetAddress.getLoopbackAddress()));
    }
}
