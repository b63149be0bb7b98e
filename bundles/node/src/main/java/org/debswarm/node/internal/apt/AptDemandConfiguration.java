package org.debswarm.node.internal.apt;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@value #PID}: how a package apt waits for is fetched from peers, and when the mirror helps. */
@ObjectClassDefinition(id = AptDemandConfiguration.PID, name = "Debswarm packages from peers",
        description = "A package apt asks for is fetched from the connected peers that have it; the mirror fills"
                + " what they leave when the download stalls. How mirrors are reached (http or https) is the apt"
                + " listener's setting mirrorScheme.")
public @interface AptDemandConfiguration {

    String PID = "org.debswarm.node.apt";

    @AttributeDefinition(name = "Stall",
            description = "Seconds without a new byte from peers after which the mirror fills the rest (Range).")
    int stallSeconds() default 3;

    @AttributeDefinition(name = "Give-way check",
            description = "Milliseconds after this node starts fetching a package from the mirror (and tells its"
                    + " peers) at which it checks whether a peer with precedence started the same fetch at the same"
                    + " moment; if one did, this node stops its own and waits for that peer's copy. Also one turn at"
                    + " the start of a run: a node preceded by n connected peers waits n turns (at most 4) for their"
                    + " notices before it asks the mirror.")
    int giveWayMillis() default 250;

    @AttributeDefinition(name = "Wait for the first peers",
            description = "Milliseconds at most a package request waits when no peer is connected yet and its"
                    + " torrent's session started less than firstPeersWindowMillis ago (the start of a run: Local"
                    + " Service Discovery announces a torrent 100 ms after it starts); then one more look chooses"
                    + " between peers and the mirror. 0 (the default): never wait. At most 2000. Experimental: one run"
                    + " in five of a test saw a package asked from the mirror twice with a wait set.")
    int firstPeersMillis() default 0;

    @AttributeDefinition(name = "Start of a session",
            description = "Milliseconds after a torrent's session starts (an index update) that count as the start"
                    + " of a run: the nodes take turns by peer id before asking the mirror, and a request that finds"
                    + " no peer waits for the first ones (firstPeersMillis). At most 60000.")
    int firstPeersWindowMillis() default 1500;

    @AttributeDefinition(name = "Patience with a fetching peer",
            description = "Seconds without a new byte this node waits for a package while a connected peer says"
                    + " it is fetching it from the mirror; then the mirror fills the rest here too.")
    int fetcherPatienceSeconds() default 45;

    @AttributeDefinition(name = "Deadline",
            description = "Seconds a package may take in all, peers and mirror; then the download is abandoned.")
    int deadlineSeconds() default 1800;
}
