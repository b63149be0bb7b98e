package org.debswarm.torrent.internal;

import java.util.List;
import java.util.Optional;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.TorrentFile;
import org.debswarm.torrent.bencode.ByteString;

/** A validated standard torrent, as {@link MetaInfoReader} read it. Immutable. */
final class DefaultMetaInfo implements MetaInfo {

    static final int SHA1_LENGTH = 20;

    private final byte[] infoBytes;
    private final InfoHash infoHash;
    private final String name;
    private final boolean singleFile;
    private final List<TorrentFile> files;
    private final long totalLength;
    private final int pieceLength;
    private final byte[] pieces;
    private final String announce;
    private final List<List<String>> tiers;
    private final boolean isPrivate;

    DefaultMetaInfo(byte[] infoBytes, InfoHash infoHash, String name, boolean singleFile, List<TorrentFile> files,
                    int pieceLength, byte[] pieces, String announce, List<List<String>> tiers, boolean isPrivate) {
        this.infoBytes = infoBytes;
        this.infoHash = infoHash;
        this.name = name;
        this.singleFile = singleFile;
        this.files = List.copyOf(files);
        TorrentFile last = files.get(files.size() - 1);
        this.totalLength = last.offset() + last.length();
        this.pieceLength = pieceLength;
        this.pieces = pieces;
        this.announce = announce;
        this.tiers = List.copyOf(tiers);
        this.isPrivate = isPrivate;
    }

    @Override
    public InfoHash infoHash() {
        return infoHash;
    }

    @Override
    public byte[] infoBytes() {
        return infoBytes.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean singleFile() {
        return singleFile;
    }

    @Override
    public List<TorrentFile> files() {
        return files;
    }

    @Override
    public long totalLength() {
        return totalLength;
    }

    @Override
    public int pieceLength() {
        return pieceLength;
    }

    @Override
    public int pieceCount() {
        return pieces.length / SHA1_LENGTH;
    }

    @Override
    public int pieceLength(int piece) {
        check(piece);
        return (int) Math.min(pieceLength, totalLength - (long) piece * pieceLength);
    }

    @Override
    public ByteString pieceHash(int piece) {
        check(piece);
        return ByteString.of(pieces, piece * SHA1_LENGTH, SHA1_LENGTH);
    }

    @Override
    public Optional<String> announce() {
        return Optional.ofNullable(announce);
    }

    @Override
    public List<List<String>> announceTiers() {
        return tiers;
    }

    @Override
    public boolean isPrivate() {
        return isPrivate;
    }

    private void check(int piece) {
        if (piece < 0 || piece >= pieceCount()) {
            throw new IndexOutOfBoundsException("piece " + piece + " (expected: 0 to " + (pieceCount() - 1) + ")");
        }
    }

    @Override
    public String toString() {
        return name + " [" + infoHash + ", " + files.size() + " files, " + totalLength + " bytes, "
                + pieceCount() + " pieces of " + pieceLength + "]";
    }
}
