package org.debswarm.peerwire.internal.swarm;

import org.debswarm.peerwire.internal.wire.BlockRef;

/**
 * What the content swarm knows of one peer's inventory: the peer's numbers of the files this node has numbers for,
 * both ways (a request names the peer's number, a piece arrives under it), and for the files this node has no
 * number for yet, the first 8 bytes of their SHA-256 with the peer's number, so that a file a later index lists is
 * found without asking again. Confined to the swarm's thread.
 */
final class ContentPeer {

    /** The id the peer receives {@code ds_content} under (its BEP 10 handshake); 0 until then. */
    int extensionId;
    /** Whether our whole inventory went to the peer: later changes go as they happen. */
    boolean greeted;
    final LongIntMap theirsToOurs = new LongIntMap();
    final LongIntMap oursToTheirs = new LongIntMap();
    /** The peer's files we have no number for: the first 8 bytes of the SHA-256, to the peer's number. */
    final LongIntMap unknown = new LongIntMap();
    /**
     * Files the peer told us it is fetching from a mirror that we have no number for: the first 8 bytes of the
     * SHA-256 (to 1), at most {@link #MAX_UNKNOWN_FETCHES}; found when this node numbers the file (apt asks for it).
     */
    final LongIntMap fetchingUnknown = new LongIntMap();

    /**
     * Notices of unknown files kept per peer: far more than a node fetches from a mirror at once (apt pipelines
     * about ten requests per host); beyond it, further ones are not kept (a wait for that copy is only missed).
     */
    static final int MAX_UNKNOWN_FETCHES = 256;

    int listed() {
        return theirsToOurs.size() + unknown.size();
    }

    void map(int theirs, int ours) {
        theirsToOurs.put(theirs, ours);
        oursToTheirs.put(ours, theirs);
    }

    /** The peer's number for the file this node numbers {@code ours}; -1 if it did not list it. */
    int theirs(int ours) {
        return oursToTheirs.get(ours);
    }

    /** A request or cancel this node sends names the peer's number of the file. */
    BlockRef outgoing(BlockRef block) {
        return new BlockRef(theirs(block.piece()), block.begin(), block.length());
    }

    /** Our number for the file the peer numbers {@code theirs}; -1 if it did not list it or we have none. */
    int ours(int theirs) {
        return theirsToOurs.get(theirs);
    }
}
