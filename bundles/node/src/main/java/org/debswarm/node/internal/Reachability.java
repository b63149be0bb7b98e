package org.debswarm.node.internal;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.debswarm.commons.Cidr;

import org.debswarm.node.NodeWarning;

/**
 * What the node can tell by itself about not being reachable as it announces, said once when the node starts,
 * with the setting to change: a tracker on another host while the peer wire listens on loopback (the tracker
 * then hands out an address no other host can connect to). Host names are not resolved: only literal
 * addresses and {@code localhost} are judged, so a check never waits on DNS.
 */
final class Reachability {

    private Reachability() {
    }

    /** The key of the warning for one tracker, followed by its URL. */
    static final String KEY = "loopback-peer-wire ";

    static List<NodeWarning> warnings(List<List<URI>> trackerTiers, InetAddress listening) {
        List<NodeWarning> warnings = new ArrayList<>();
        if (!listening.isLoopbackAddress()) {
            return warnings;
        }
        for (List<URI> tier : trackerTiers) {
            for (URI tracker : tier) {
                if (isRemote(tracker.getHost())) {
                    warnings.add(new NodeWarning(KEY + tracker, "Tracker " + tracker + " is on another host, but the"
                            + " peer wire listens on " + listening.getHostAddress() + " only: the peers that tracker"
                            + " hands out cannot connect back to this node.",
                            "lan= (an interface or CIDR) in PID org.debswarm.peerwire"));
                }
            }
        }
        return warnings;
    }

    /** Whether a tracker host is not this host's loopback, as far as can be told without DNS. */
    static boolean isRemote(String host) {
        if (host == null || host.equalsIgnoreCase("localhost")) {
            return false;
        }
        Optional<InetAddress> literal = Cidr.literal(host);
        // a name is not this host's loopback, as far as can be told without DNS
        return literal.isEmpty() || !literal.get().isLoopbackAddress();
    }
}
