package org.debswarm.torrent.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.debswarm.torrent.ContentLookup;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.bencode.BencodeWriter;
import org.debswarm.torrent.bencode.ByteString;

/** A Packages torrent over a {@link CompactFileList}, with its wanted and had pieces. */
final class CompactPackagesTorrent implements PackagesTorrent {

    private final CompactFileList files;
    private final String name;
    private final boolean architectureAll;
    private final InfoHash infoHash;
    private final PieceBits wanted;
    private final PieceBits had;

    CompactPackagesTorrent(CompactFileList files, String name, boolean architectureAll) {
        this.files = files;
        this.name = name;
        this.architectureAll = architectureAll;
        this.infoHash = digest(files);
        this.wanted = new PieceBits(files.size());
        this.had = new PieceBits(files.size());
    }

    private static InfoHash digest(CompactFileList files) {
        Sha1Sink sink = new Sha1Sink();
        try {
            files.write(new BencodeWriter(sink));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sink does not throw
        }
        return InfoHash.of(sink.digest());
    }

    @Override
    public InfoHash infoHash() {
        return infoHash;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean architectureAll() {
        return architectureAll;
    }

    @Override
    public int pieceCount() {
        return files.size();
    }

    @Override
    public String path(int piece) {
        check(piece);
        return files.path(piece);
    }

    @Override
    public long length(int piece) {
        check(piece);
        return files.length(piece);
    }

    @Override
    public ByteString sha256(int piece) {
        check(piece);
        return files.sha256(piece);
    }

    @Override
    public int indexOf(String path) {
        return files.indexOf(path);
    }

    @Override
    public long totalLength() {
        return files.totalLength();
    }

    @Override
    public PieceBits wanted() {
        return wanted;
    }

    @Override
    public PieceBits had() {
        return had;
    }

    @Override
    public int markHad(ContentLookup lookup) {
        int marked = 0;
        for (int piece = 0; piece < files.size(); piece++) {
            if (!had.get(piece) && lookup.hasContent(files.sha256(piece)) && had.set(piece)) {
                marked++;
            }
        }
        return marked;
    }

    @Override
    public void writeFileList(OutputStream out) throws IOException {
        files.write(new BencodeWriter(out));
    }

    /** Bytes held by the file list and piece sets. */
    long footprint() {
        return files.footprint() + 2L * (16 + 8L * ((files.size() + 63) / 64));
    }

    private void check(int piece) {
        if (piece < 0 || piece >= files.size()) {
            throw new IndexOutOfBoundsException("piece " + piece + " (expected: 0 to " + (files.size() - 1) + ")");
        }
    }

    @Override
    public String toString() {
        return name + " [" + infoHash + ", " + files.size() + " files, " + files.totalLength() + " bytes]";
    }
}
