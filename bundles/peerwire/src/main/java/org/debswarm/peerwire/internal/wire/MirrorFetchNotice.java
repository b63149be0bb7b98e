package org.debswarm.peerwire.internal.wire;

import java.util.Map;
import java.util.SortedMap;

import org.debswarm.torrent.bencode.Bencode;
import org.debswarm.torrent.bencode.BencodeException;
import org.debswarm.torrent.bencode.BencodeLimits;
import org.debswarm.torrent.bencode.ByteString;

/**
 * Debswarm's BEP 10 extension {@value #NAME}: "I am fetching piece {@code piece} from a mirror" or "I gave that
 * up". Nodes whose apt asks for the same package at the same moment then wait for the one fetching it, and
 * get it over the peer wire when its {@code have} comes, instead of all asking the mirror. The payload is a
 * bencoded dictionary with one key, {@code fetching} or {@code abandoned}, whose value is the piece index.
 * A completed fetch needs no notice of its own: the {@code have} says it.
 */
public record MirrorFetchNotice(int piece, boolean fetching) {

    /** The extension's name in the {@code m} dictionary of the BEP 10 handshake. */
    public static final String NAME = "ds_mirror_fetch";
    /** The id this node receives the extension under. */
    public static final int LOCAL_ID = 1;

    private static final String FETCHING = "fetching";
    private static final String ABANDONED = "abandoned";
    private static final BencodeLimits LIMITS = BencodeLimits.DEFAULT.withMaxDepth(2).withMaxStringLength(16)
            .withMaxTotalSize(64).withMaxElements(4);

    public MirrorFetchNotice {
        if (piece < 0) {
            throw new IllegalArgumentException("piece " + piece + " (expected: >= 0)");
        }
    }

    /** The extended message to a peer that announced this extension under {@code peersId}. */
    public Message toMessage(int peersId) {
        return new Extended(peersId, Bencode.encode(Map.of(fetching ? FETCHING : ABANDONED, (long) piece)));
    }

    /**
     * Reads a notice about one of {@code pieceCount} pieces.
     *
     * @throws PeerWireException if the payload is not one of the two dictionaries, or the piece is out of range
     */
    public static MirrorFetchNotice parse(byte[] payload, int pieceCount) throws PeerWireException {
        Object value;
        try {
            value = Bencode.decode(payload, LIMITS);
        } catch (BencodeException e) {
            throw new PeerWireException(NAME + ": " + e.getMessage(), e);
        }
        if (!(value instanceof SortedMap<?, ?> dict) || dict.size() != 1) {
            throw new PeerWireException(NAME + " payload " + describe(value)
                    + " (expected: a dictionary of one key, fetching or abandoned)");
        }
        Map.Entry<?, ?> entry = dict.entrySet().iterator().next();
        String key = ((ByteString) entry.getKey()).utf8();
        if (!key.equals(FETCHING) && !key.equals(ABANDONED)) {
            throw new PeerWireException(NAME + " key " + key + " (expected: fetching or abandoned)");
        }
        if (!(entry.getValue() instanceof Long piece) || piece < 0 || piece >= pieceCount) {
            throw new PeerWireException(NAME + " piece " + entry.getValue() + " (expected: an integer 0 to "
                    + (pieceCount - 1) + ")");
        }
        return new MirrorFetchNotice(piece.intValue(), key.equals(FETCHING));
    }

    private static String describe(Object value) {
        return value instanceof SortedMap<?, ?> d ? "a dictionary of " + d.size() + " keys"
                : "a " + value.getClass().getSimpleName();
    }
}
