package org.debswarm.node.internal.tracker;

import java.util.Objects;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.bencode.ByteString;

/**
 * What one announce tells the tracker (BEP 3). {@code name} is Debswarm's extension, shown on its tracker's
 * status page; empty sends none.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3, trackers</a>
 */
public record AnnounceRequest(InfoHash infoHash, ByteString peerId, int port, long uploaded, long downloaded,
                              long left, AnnounceEvent event, int numwant, String name) {

    /** Longest name the Debswarm tracker records, in UTF-8 bytes; longer ones are cut. */
    public static final int MAX_NAME_BYTES = 256;

    public AnnounceRequest {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(name, "name");
        if (peerId.length() != PeerId.LENGTH) {
            throw new IllegalArgumentException("peer id of " + peerId.length() + " bytes (expected: 20)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " (expected: 1..65535)");
        }
        if (uploaded < 0 || downloaded < 0 || left < 0) {
            throw new IllegalArgumentException("uploaded " + uploaded + ", downloaded " + downloaded + ", left "
                    + left + " (expected: >= 0)");
        }
        if (numwant < 0) {
            throw new IllegalArgumentException("numwant " + numwant + " (expected: >= 0)");
        }
    }

    /** The same request with another event. */
    public AnnounceRequest withEvent(AnnounceEvent other) {
        return new AnnounceRequest(infoHash, peerId, port, uploaded, downloaded, left, other, numwant, name);
    }
}
