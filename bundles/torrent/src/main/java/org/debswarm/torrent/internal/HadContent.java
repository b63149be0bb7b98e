package org.debswarm.torrent.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.debswarm.torrent.ContentLookup;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.bencode.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SHA-256 of every piece had by some torrents: what a new version of a Packages file need not fetch again. */
final class HadContent implements ContentLookup {

    private static final Logger LOG = LoggerFactory.getLogger(HadContent.class);

    private final Set<ByteString> hashes = new HashSet<>();

    HadContent(List<PackagesTorrent> torrents) {
        for (PackagesTorrent torrent : torrents) {
            PieceBits had = torrent.had();
            for (int piece = had.nextSetBit(0); piece >= 0; piece = had.nextSetBit(piece + 1)) {
                hashes.add(torrent.sha256(piece));
            }
        }
    }

    /**
     * Marks in each torrent of {@code fresh} not yet among {@code known} the pieces this node has: those had by
     * a known torrent (the version being replaced), then those the store knows.
     *
     * @param store the store's lookup, or null
     */
    static void markNew(List<PackagesTorrent> fresh, List<PackagesTorrent> known, ContentLookup store) {
        HadContent had = new HadContent(known);
        for (PackagesTorrent t : fresh) {
            if (known.stream().anyMatch(k -> k.infoHash().equals(t.infoHash()))) {
                continue;
            }
            int marked = had.isEmpty() ? 0 : t.markHad(had);
            marked += store == null ? 0 : t.markHad(store);
            LOG.debug("{}: {} of {} pieces already had", t.name(), marked, t.pieceCount());
        }
    }

    boolean isEmpty() {
        return hashes.isEmpty();
    }

    @Override
    public boolean hasContent(ByteString sha256) {
        return hashes.contains(sha256);
    }
}
