package org.debswarm.stats;

import java.util.Objects;

/**
 * The node as a whole.
 *
 * @param figures totals over every torrent and every index file
 * @param rates   current rates
 * @param torrents torrents with figures
 * @param connectedPeers connections open now, over every torrent
 */
public record NodeFigures(Figures figures, Rates rates, int torrents, int connectedPeers) {

    /** Checks that nothing is null. */
    public NodeFigures {
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(rates, "rates");
    }
}
