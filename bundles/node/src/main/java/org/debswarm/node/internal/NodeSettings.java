package org.debswarm.node.internal;

/** Checks a {@link NodeSwarmConfiguration} before anything starts, naming the property that is wrong. */
final class NodeSettings {

    private NodeSettings() {
    }

    static void check(NodeSwarmConfiguration c) {
        range("peerPort", c.peerPort(), 1, 65535);
        range("numwant", c.numwant(), 0, 1000);
        range("announceDeadline", c.announceDeadline(), 1, 600);
        range("stopDeadline", c.stopDeadline(), 0, 60);
    }

    private static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " (expected: " + min + ".." + max + ")");
        }
    }
}
