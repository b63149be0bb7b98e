package org.debswarm.node.internal.tracker;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.debswarm.torrent.bencode.ByteString;

/** The announce URL: the tracker's URL with the BEP 3 parameters appended to its query, if it has one. */
final class AnnounceQuery {

    private AnnounceQuery() {
    }

    static URI uri(URI tracker, AnnounceRequest r, Optional<ByteString> trackerId) {
        String base = tracker.toString();
        int fragment = base.indexOf('#');
        if (fragment >= 0) {
            base = base.substring(0, fragment);
        }
        String separator = tracker.getRawQuery() == null ? "?" : "&";
        return URI.create(base + separator + query(r, trackerId));
    }

    // info_hash=<20 bytes>&peer_id=<20 bytes>&port=..&uploaded=..&downloaded=..&left=..&compact=1&no_peer_id=1
    //   &numwant=..[&event=..][&trackerid=..][&name=..]
    static String query(AnnounceRequest r, Optional<ByteString> trackerId) {
        StringBuilder q = new StringBuilder(256)
                .append("info_hash=").append(PercentEncoding.encode(r.infoHash().toByteArray()))
                .append("&peer_id=").append(PercentEncoding.encode(r.peerId().toByteArray()))
                .append("&port=").append(r.port())
                .append("&uploaded=").append(r.uploaded())
                .append("&downloaded=").append(r.downloaded())
                .append("&left=").append(r.left())
                .append("&compact=1&no_peer_id=1")
                .append("&numwant=").append(r.numwant());
        if (r.event() != AnnounceEvent.NONE) {
            q.append("&event=").append(r.event().wire());
        }
        trackerId.ifPresent(id -> q.append("&trackerid=").append(PercentEncoding.encode(id.toByteArray())));
        if (!r.name().isEmpty()) {
            q.append("&name=").append(PercentEncoding.encode(cut(r.name())));
        }
        return q.toString();
    }

    /**
     * The name's first {@value AnnounceRequest#MAX_NAME_BYTES} UTF-8 bytes, never splitting a character, control
     * characters as spaces: the Debswarm tracker refuses an announce whose name breaks either rule.
     */
    static byte[] cut(String name) {
        byte[] utf8 = name.replaceAll("\\p{Cntrl}", " ").getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= AnnounceRequest.MAX_NAME_BYTES) {
            return utf8;
        }
        int end = AnnounceRequest.MAX_NAME_BYTES;
        while (end > 0 && (utf8[end] & 0xc0) == 0x80) {
            end--; // a continuation byte: back to the start of its character
        }
        return Arrays.copyOf(utf8, end);
    }
}
