package org.debswarm.node.internal;

/**
 * What an announce reports (BEP 3): bytes sent to peers and received from peers since the session started,
 * and bytes still missing for the whole torrent.
 */
record TransferCounters(long uploaded, long downloaded, long left) {

    public TransferCounters {
        if (uploaded < 0 || downloaded < 0 || left < 0) {
            throw new IllegalArgumentException("uploaded " + uploaded + ", downloaded " + downloaded + ", left "
                    + left + " (expected: >= 0)");
        }
    }
}
