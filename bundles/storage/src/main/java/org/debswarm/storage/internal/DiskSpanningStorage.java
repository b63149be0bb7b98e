package org.debswarm.storage.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.debswarm.storage.FileSpan;
import org.debswarm.storage.SpanningStorage;

/**
 * Standard BitTorrent content on disk: the files of a torrent at their full lengths, addressed as
 * one byte space (BEP 3). Positional channel I/O makes it thread-safe without a lock.
 */
final class DiskSpanningStorage implements SpanningStorage {

    private static final int READ_BUFFER = 64 * 1024;

    private final long[] starts;
    private final long[] lengths;
    private final FileChannel[] channels;
    private final long length;
    private final int pieceLength;
    private final int pieceCount;

    private DiskSpanningStorage(long[] starts, long[] lengths, FileChannel[] channels, int pieceLength) {
        this.starts = starts;
        this.lengths = lengths;
        this.channels = channels;
        this.length = starts.length == 0 ? 0 : starts[starts.length - 1] + lengths[lengths.length - 1];
        this.pieceLength = pieceLength;
        long pieces = (length + pieceLength - 1) / pieceLength;
        if (pieces > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("piece count " + pieces + " (expected: <= " + Integer.MAX_VALUE + ")");
        }
        this.pieceCount = (int) pieces;
    }

    /** Opens the files below {@code root}, which the caller has claimed ({@link SpanningFolder#claim}). */
    static DiskSpanningStorage open(Path root, List<FileSpan> files, int pieceLength) throws IOException {
        if (pieceLength <= 0) {
            throw new IllegalArgumentException("piece length " + pieceLength + " (expected: > 0)");
        }
        checkDistinct(files);
        long[] starts = new long[files.size()];
        long[] lengths = new long[files.size()];
        FileChannel[] channels = new FileChannel[files.size()];
        long offset = 0;
        try {
            for (int i = 0; i < files.size(); i++) {
                starts[i] = offset;
                lengths[i] = files.get(i).length();
                offset = Math.addExact(offset, lengths[i]);
                channels[i] = SpanningFolder.open(root, files.get(i).path(), lengths[i]);
            }
        } catch (IOException | RuntimeException e) {
            closeAll(channels);
            throw e;
        }
        return new DiskSpanningStorage(starts, lengths, channels, pieceLength);
    }

    private static void checkDistinct(List<FileSpan> files) {
        Set<String> seen = new HashSet<>();
        for (FileSpan f : files) {
            if (!seen.add(f.path())) {
                throw new IllegalArgumentException("file " + f.path() + " appears twice in the torrent");
            }
        }
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public int pieceLength() {
        return pieceLength;
    }

    @Override
    public int pieceCount() {
        return pieceCount;
    }

    @Override
    public int lengthOfPiece(int index) {
        if (index < 0 || index >= pieceCount) {
            throw new IndexOutOfBoundsException("piece " + index + " (expected: 0 to " + (pieceCount - 1) + ")");
        }
        return (int) Math.min(pieceLength, length - (long) index * pieceLength);
    }

    @Override
    public void writeAt(long offset, ByteBuffer src) throws IOException {
        transfer(offset, src, true);
    }

    @Override
    public void readAt(long offset, ByteBuffer dst) throws IOException {
        transfer(offset, dst, false);
    }

    @Override
    public boolean verifyPiece(int index, byte[] sha1) throws IOException {
        if (sha1.length != 20) {
            throw new IllegalArgumentException("SHA-1 of " + sha1.length + " bytes (expected: 20)");
        }
        MessageDigest digest = sha1();
        long position = (long) index * pieceLength;
        long end = position + lengthOfPiece(index);
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
        while (position < end) {
            buffer.clear().limit((int) Math.min(READ_BUFFER, end - position));
            int n = buffer.remaining();
            readAt(position, buffer);
            digest.update(buffer.flip());
            position += n;
        }
        return MessageDigest.isEqual(digest.digest(), sha1);
    }

    /** Moves {@code buffer.remaining()} bytes at {@code offset} across file boundaries. */
    private void transfer(long offset, ByteBuffer buffer, boolean write) throws IOException {
        if (offset < 0 || offset > length - buffer.remaining()) {
            throw new IllegalArgumentException("range [" + offset + ", " + (offset + buffer.remaining())
                    + ") (expected: within [0, " + length + "))");
        }
        long position = offset;
        for (int i = fileAt(offset); buffer.hasRemaining(); i++) {
            long end = starts[i] + lengths[i];
            if (position >= end) {
                continue; // empty file, or the end of the previous one
            }
            int n = (int) Math.min(buffer.remaining(), end - position);
            ByteBuffer part = buffer.duplicate();
            part.limit(part.position() + n);
            transferFully(channels[i], part, position - starts[i], write);
            buffer.position(buffer.position() + n);
            position += n;
        }
    }

    private static void transferFully(FileChannel channel, ByteBuffer part, long at, boolean write) throws IOException {
        long position = at;
        while (part.hasRemaining()) {
            int n = write ? channel.write(part, position) : channel.read(part, position);
            if (n < 0) {
                throw new EOFException("file ended at " + position);
            }
            position += n;
        }
    }

    private int fileAt(long offset) {
        int found = Arrays.binarySearch(starts, offset);
        if (found < 0) {
            return -found - 2; // the last file starting before offset
        }
        while (found > 0 && starts[found - 1] == offset) {
            found--; // empty files share a start: begin at the first, transfer() skips the empty ones
        }
        return found;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    @Override
    public void close() {
        closeAll(channels);
    }

    private static void closeAll(FileChannel[] channels) {
        for (FileChannel c : channels) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                // Closing a read/write channel cannot lose data we promised to keep: nothing to do.
            }
        }
    }
}
