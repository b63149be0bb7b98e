package org.debswarm.torrent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.debswarm.torrent.bencode.BencodeWriter;
import org.debswarm.torrent.bencode.ByteString;

/**
 * The file list of a Packages torrent, sorted by path as raw bytes, in four arrays: every path's UTF-8 bytes
 * in one byte[] with offsets into it, lengths, and the SHA-256 hashes back to back. About 110 bytes per file
 * for Debian's paths; immutable once built.
 */
final class CompactFileList {

    private static final int HASH = EntryBuffer.SHA256_LENGTH;
    private static final byte[] LENGTH = ascii("length");
    private static final byte[] PATH = ascii("path");
    private static final byte[] SHA256 = ascii("sha256");

    private final byte[] paths;
    private final int[] offsets;
    private final long[] lengths;
    private final byte[] hashes;
    private final long totalLength;

    /** Copies the chosen entries, already sorted by path and free of duplicates. */
    CompactFileList(EntryBuffer entries, int[] chosen, int count) {
        int bytes = 0;
        for (int i = 0; i < count; i++) {
            bytes += entries.pathLength(chosen[i]);
        }
        paths = new byte[bytes];
        offsets = new int[count + 1];
        lengths = new long[count];
        hashes = new byte[count * HASH];
        long total = 0;
        for (int i = 0; i < count; i++) {
            int entry = chosen[i];
            entries.copyPath(entry, paths, offsets[i]);
            offsets[i + 1] = offsets[i] + entries.pathLength(entry);
            lengths[i] = entries.length(entry);
            entries.copyHash(entry, hashes, i * HASH);
            total += lengths[i];
        }
        totalLength = total;
    }

    int size() {
        return lengths.length;
    }

    String path(int i) {
        return new String(paths, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8);
    }

    long length(int i) {
        return lengths[i];
    }

    ByteString sha256(int i) {
        return ByteString.of(hashes, i * HASH, HASH);
    }

    long totalLength() {
        return totalLength;
    }

    /** Binary search on the sorted paths; -1 if absent. */
    int indexOf(String path) {
        byte[] key = path.getBytes(StandardCharsets.UTF_8);
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(paths, offsets[mid], offsets[mid + 1], key, 0, key.length);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    // canonical file list: l( d 6:length i<length>e 4:path <n>:<path> 6:sha256 32:<hash> e )* e
    void write(BencodeWriter writer) throws IOException {
        writer.beginList();
        for (int i = 0; i < size(); i++) {
            writer.beginDictionary()
                    .string(LENGTH).integer(lengths[i])
                    .string(PATH).string(paths, offsets[i], offsets[i + 1] - offsets[i])
                    .string(SHA256).string(hashes, i * HASH, HASH)
                    .end();
        }
        writer.end();
    }

    private static byte[] ascii(String key) {
        return key.getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes held by the arrays, with their headers: the torrent's footprint. */
    long footprint() {
        return 16L * 4 + paths.length + 4L * offsets.length + 8L * lengths.length + hashes.length;
    }
}
