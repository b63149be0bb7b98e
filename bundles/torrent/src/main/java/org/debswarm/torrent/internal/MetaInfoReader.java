package org.debswarm.torrent.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.TorrentFile;
import org.debswarm.torrent.TorrentFormatException;
import org.debswarm.torrent.bencode.Bencode;
import org.debswarm.torrent.bencode.BencodeDecoder;
import org.debswarm.torrent.bencode.BencodeException;
import org.debswarm.torrent.bencode.BencodeLimits;
import org.debswarm.torrent.bencode.ByteString;

/**
 * Reads BEP 3 metainfo. Dictionary keys may come in any order (some clients do not sort them); the infohash
 * is the SHA-1 of the info dictionary's bytes as they stand in the file, so it matches what other clients
 * compute even then.
 */
final class MetaInfoReader {

    /** Room for the piece list of a torrent of some hundreds of gigabytes. */
    static final BencodeLimits LIMITS = BencodeLimits.DEFAULT.withMaxDepth(16)
            .withMaxStringLength(64 << 20).withMaxTotalSize(64 << 20);

    private static final ByteString INFO = ByteString.utf8("info");

    private MetaInfoReader() {
    }

    static MetaInfo read(byte[] torrent) throws TorrentFormatException {
        Map<?, ?> top = Fields.dictionary(decode(torrent), "metainfo");
        Map<?, ?> info = Fields.dictionary(Fields.get(top, "info"), "info");
        byte[] infoBytes = infoBytes(torrent);
        InfoHash infoHash = InfoHash.of(Sha1Sink.newSha1().digest(infoBytes));
        String name = Fields.segment(Fields.get(info, "name"), "info.name");
        int pieceLength = (int) Fields.integer(Fields.get(info, "piece length"), "info.piece length", 1, 1 << 30);
        boolean single = Fields.get(info, "files") == null;
        List<TorrentFile> files = single ? List.of(singleFile(info, name)) : files(info);
        TorrentFile last = files.get(files.size() - 1);
        byte[] pieces = pieces(info, pieceLength, last.offset() + last.length());
        Trackers trackers = Trackers.read(top);
        Object privateFlag = Fields.get(info, "private");
        boolean isPrivate = privateFlag != null && Fields.integer(privateFlag, "info.private", 0, 1) == 1;
        return new DefaultMetaInfo(infoBytes, infoHash, name, single, files, pieceLength, pieces,
                trackers.announce(), trackers.tiers(), isPrivate);
    }

    private static Object decode(byte[] torrent) throws TorrentFormatException {
        try {
            return Bencode.decodeLenient(torrent, LIMITS);
        } catch (BencodeException e) {
            throw new TorrentFormatException("not a bencoded .torrent file: " + e.getMessage(), e);
        }
    }

    /** The bytes of the top-level "info" value, found by stepping over the top-level entries. */
    private static byte[] infoBytes(byte[] torrent) throws TorrentFormatException {
        BencodeDecoder decoder = new BencodeDecoder(LIMITS, false);
        try {
            int pos = 1; // after the 'd' of the top-level dictionary, which decode() has validated
            while (torrent[pos] != 'e') {
                pos += decoder.decode(torrent, pos, torrent.length - pos);
                boolean isInfo = INFO.equals(decoder.value());
                int length = decoder.decode(torrent, pos, torrent.length - pos);
                if (isInfo) {
                    return Arrays.copyOfRange(torrent, pos, pos + length);
                }
                pos += length;
            }
        } catch (BencodeException e) {
            throw new TorrentFormatException("not a bencoded .torrent file: " + e.getMessage(), e);
        }
        throw new TorrentFormatException("info is missing (expected: a dictionary)");
    }

    private static TorrentFile singleFile(Map<?, ?> info, String name) throws TorrentFormatException {
        long length = Fields.integer(Fields.get(info, "length"), "info.length", 0, Long.MAX_VALUE);
        return new TorrentFile(List.of(name), length, 0);
    }

    private static List<TorrentFile> files(Map<?, ?> info) throws TorrentFormatException {
        if (Fields.get(info, "length") != null) {
            throw new TorrentFormatException("info has both length and files (expected: one of them)");
        }
        List<?> list = Fields.list(Fields.get(info, "files"), "info.files");
        if (list.isEmpty()) {
            throw new TorrentFormatException("info.files is empty (expected: at least one file)");
        }
        List<TorrentFile> files = new ArrayList<>(list.size());
        Set<List<String>> seen = new HashSet<>();
        long offset = 0;
        for (int i = 0; i < list.size(); i++) {
            String field = "info.files[" + i + "]";
            Map<?, ?> file = Fields.dictionary(list.get(i), field);
            long length = Fields.integer(Fields.get(file, "length"), field + ".length", 0, Long.MAX_VALUE - offset);
            List<String> path = path(Fields.list(Fields.get(file, "path"), field + ".path"), field + ".path");
            if (!seen.add(path)) {
                throw new TorrentFormatException(field + ".path " + path + " repeats an earlier file"
                        + " (expected: distinct paths)");
            }
            files.add(new TorrentFile(path, length, offset));
            offset += length;
        }
        return files;
    }

    private static List<String> path(List<?> segments, String field) throws TorrentFormatException {
        if (segments.isEmpty()) {
            throw new TorrentFormatException(field + " is empty (expected: at least one name)");
        }
        List<String> path = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            path.add(Fields.segment(segments.get(i), field + "[" + i + "]"));
        }
        return path;
    }

    private static byte[] pieces(Map<?, ?> info, int pieceLength, long totalLength) throws TorrentFormatException {
        Object value = Fields.get(info, "pieces");
        if (value == null && Fields.get(info, "meta version") != null) {
            throw new TorrentFormatException("info.pieces is missing: BitTorrent v2 torrents (BEP 52) are not"
                    + " supported (expected: a v1 or hybrid torrent)");
        }
        ByteString pieces = Fields.string(value, "info.pieces");
        long expected = totalLength / pieceLength + (totalLength % pieceLength == 0 ? 0 : 1);
        if (pieces.length() % DefaultMetaInfo.SHA1_LENGTH != 0
                || pieces.length() / DefaultMetaInfo.SHA1_LENGTH != expected) {
            throw new TorrentFormatException("info.pieces has " + pieces.length() + " bytes for " + totalLength
                    + " bytes in pieces of " + pieceLength + " (expected: " + expected * DefaultMetaInfo.SHA1_LENGTH
                    + ", 20 per piece)");
        }
        return pieces.toByteArray();
    }
}
