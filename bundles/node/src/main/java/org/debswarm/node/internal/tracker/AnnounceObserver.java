package org.debswarm.node.internal.tracker;

import java.net.URI;

/**
 * Told how each announce of one torrent went, on the tracker client's threads: what the node's warnings are
 * made of (a tracker that does not answer, a tracker that answers with no peers). Must return quickly.
 */
public interface AnnounceObserver {

    /** Observes nothing. */
    AnnounceObserver NONE = new AnnounceObserver() {
        @Override
        public void answered(URI tracker, int peers) {
        }

        @Override
        public void unanswered(URI tracker, int inARow, String error) {
        }
    };

    /** {@code tracker} answered an announce with {@code peers} peers (0, perhaps). */
    void answered(URI tracker, int peers);

    /**
     * {@code tracker} could not be reached, or did not answer as a tracker (HTTP error, not bencoded, too slow). A
     * tracker that answers with a {@code failure reason} answered: it is neither this nor {@link #answered}.
     *
     * @param inARow how many announces of this torrent to this URL failed so, this one included
     */
    void unanswered(URI tracker, int inARow, String error);
}
