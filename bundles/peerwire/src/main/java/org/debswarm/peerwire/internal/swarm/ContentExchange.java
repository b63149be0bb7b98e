package org.debswarm.peerwire.internal.swarm;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;

import org.debswarm.peerwire.internal.wire.BlockRef;
import org.debswarm.peerwire.internal.wire.ContentInventory;
import org.debswarm.peerwire.internal.wire.PeerWireException;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.bencode.ByteString;

/**
 * The content swarm's side of a swarm (docs/torrent-format.md, "The content swarm"): inventories in
 * {@code ds_content} messages instead of bitfields and haves, and the translation between this node's numbers
 * (its piece indexes, the numbers in its own {@code add}s and in the requests peers send it) and each peer's (in
 * the requests this node sends and the pieces it receives). Confined to the swarm's thread.
 */
final class ContentExchange {

    private final ContentCatalog catalog;
    private final PieceBits had;
    private final BitSet fetchingHere;

    /** @param fetchingHere the files this node is fetching from a mirror, told to each peer it greets */
    ContentExchange(ContentCatalog catalog, PieceBits had, BitSet fetchingHere) {
        this.catalog = catalog;
        this.had = had;
        this.fetchingHere = fetchingHere;
    }

    ContentCatalog catalog() {
        return catalog;
    }

    /**
     * What a peer's {@code ds_content} message changed, in our numbers: files it now has or no longer has, files
     * it says it is fetching from a mirror or gave that up.
     */
    record Change(List<Integer> added, List<Integer> deleted, List<Integer> fetching, List<Integer> abandoned) {
    }

    /**
     * Sends our whole inventory once the peer is proven and told us its extension id, then the files we are
     * fetching from a mirror.
     */
    void greet(PeerState peer) {
        ContentPeer c = peer.content;
        if (!peer.proven || c.extensionId == 0 || c.greeted) {
            return;
        }
        c.greeted = true;
        List<Integer> all = new ArrayList<>();
        for (int p = had.nextSetBit(0); p >= 0; p = had.nextSetBit(p + 1)) {
            all.add(p);
        }
        send(peer, all, List.of());
        for (int p = fetchingHere.nextSetBit(0); p >= 0; p = fetchingHere.nextSetBit(p + 1)) {
            peer.link.send(ContentInventory.mirrorFetch(catalog.sha256(p), true).toMessage(c.extensionId));
        }
    }

    /** Tells the greeted peers that this node is fetching file {@code ours} from a mirror, or gave that up. */
    void fetching(Collection<PeerState> peers, int ours, boolean fetching) {
        ContentInventory notice = ContentInventory.mirrorFetch(catalog.sha256(ours), fetching);
        for (PeerState p : peers) {
            if (p.content.greeted) {
                p.link.send(notice.toMessage(p.content.extensionId));
            }
        }
    }

    /** Tells the greeted peers of files added to or deleted from our inventory. */
    void changed(Collection<PeerState> peers, List<Integer> added, List<Integer> deleted) {
        for (PeerState p : peers) {
            if (p.content.greeted) {
                send(p, added, deleted);
            }
        }
    }

    private void send(PeerState peer, List<Integer> added, List<Integer> deleted) {
        List<ContentInventory.Added> records = new ArrayList<>(added.size());
        for (int p : added) {
            if (catalog.length(p) == 0) {
                continue; // an empty file needs no peer, and a record cannot name one
            }
            records.add(new ContentInventory.Added(p, catalog.sha256(p), catalog.length(p)));
        }
        for (ContentInventory inventory : ContentInventory.split(records, deleted)) {
            peer.link.send(inventory.toMessage(peer.content.extensionId));
        }
    }

    /**
     * A peer's inventory message.
     *
     * @throws PeerWireException if it is malformed, lists more files than the catalog's capacity (as many as a node numbers), gives a file this
     *                           node knows another length, numbers two files alike, or deletes a number it never
     *                           listed
     */
    Change received(PeerState peer, byte[] payload) throws PeerWireException {
        ContentInventory inventory = ContentInventory.parse(payload);
        ContentPeer c = peer.content;
        List<Integer> added = new ArrayList<>();
        for (ContentInventory.Added a : inventory.added()) {
            if (c.listed() >= catalog.capacity()) {
                throw new PeerWireException(ContentInventory.NAME + ": more than " + catalog.capacity()
                        + " files listed (expected: at most " + catalog.capacity() + ", as many as a node numbers)");
            }
            int ours = catalog.indexOf(a.sha256());
            int before = c.ours(a.index());
            if (before >= 0 && before != ours) {
                throw new PeerWireException(ContentInventory.NAME + ": index " + a.index()
                        + " listed again for another file (expected: one file per index)");
            }
            if (ours < 0) {
                c.unknown.put(ContentCatalog.prefix(a.sha256()), a.index());
            } else if (catalog.length(ours) != a.length()) {
                throw new PeerWireException(ContentInventory.NAME + ": file " + a.sha256().toHex() + " of "
                        + a.length() + " bytes (expected: " + catalog.length(ours) + ")");
            } else if (before < 0) {
                c.map(a.index(), ours);
                added.add(ours);
            }
        }
        List<Integer> deleted = new ArrayList<>();
        for (int theirs : inventory.deleted()) {
            int ours = c.theirsToOurs.remove(theirs);
            if (ours >= 0) {
                c.oursToTheirs.remove(ours);
                deleted.add(ours);
            } else if (!c.unknown.removeValue(theirs)) {
                throw new PeerWireException(ContentInventory.NAME + ": del of index " + theirs
                        + " (expected: an index the peer listed)");
            }
        }
        return new Change(added, deleted, fetching(c, inventory.fetching()), abandoned(c, inventory.abandoned()));
    }

    // a notice of a file we have no number for is kept until we number it (its prefix), within a bound
    private List<Integer> fetching(ContentPeer c, List<ByteString> hashes) {
        List<Integer> ours = new ArrayList<>();
        for (ByteString sha256 : hashes) {
            int index = catalog.indexOf(sha256);
            if (index >= 0) {
                ours.add(index);
            } else if (c.fetchingUnknown.size() < ContentPeer.MAX_UNKNOWN_FETCHES) {
                c.fetchingUnknown.put(ContentCatalog.prefix(sha256), 1);
            }
        }
        return ours;
    }

    private List<Integer> abandoned(ContentPeer c, List<ByteString> hashes) {
        List<Integer> ours = new ArrayList<>();
        for (ByteString sha256 : hashes) {
            int index = catalog.indexOf(sha256);
            if (index >= 0) {
                ours.add(index);
            } else {
                c.fetchingUnknown.remove(ContentCatalog.prefix(sha256));
            }
        }
        return ours;
    }

    /**
     * The peers a file just numbered concerns, found by its SHA-256 prefix: {@code holders} listed it before it
     * had a number of ours (they are mapped to it now), {@code fetchers} told us they fetch it from a mirror.
     */
    record Numbered(List<PeerState> holders, List<PeerState> fetchers) {
    }

    /** A file just numbered: maps the peers that listed it to our number; see {@link Numbered}. */
    Numbered numbered(int ours, Collection<PeerState> peers) {
        long prefix = ContentCatalog.prefix(catalog.sha256(ours));
        List<PeerState> holders = new ArrayList<>();
        List<PeerState> fetchers = new ArrayList<>();
        for (PeerState p : peers) {
            int theirs = p.content.unknown.remove(prefix);
            if (theirs >= 0 && p.content.ours(theirs) < 0) {
                p.content.map(theirs, ours);
                holders.add(p);
            }
            if (p.content.fetchingUnknown.remove(prefix) >= 0) {
                fetchers.add(p);
            }
        }
        return new Numbered(holders, fetchers);
    }

    /** A piece the peer sends names its own number: ours, or a protocol error if it never listed that number. */
    int incoming(PeerState peer, int piece) throws PeerWireException {
        int ours = peer.content.ours(piece);
        if (ours < 0) {
            throw new PeerWireException("piece " + piece + " (expected: an index the peer listed in "
                    + ContentInventory.NAME + ")");
        }
        return ours;
    }

    /** A request names our number: one we gave. */
    void check(BlockRef request) throws PeerWireException {
        if (request.piece() >= catalog.size()) {
            throw new PeerWireException("request for index " + request.piece() + " (expected: an index this node"
                    + " listed in " + ContentInventory.NAME + ")");
        }
    }
}
