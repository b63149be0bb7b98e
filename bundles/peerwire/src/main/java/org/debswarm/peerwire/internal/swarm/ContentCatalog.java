package org.debswarm.peerwire.internal.swarm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.debswarm.torrent.bencode.ByteString;

/**
 * The content swarm's own numbers for files (docs/torrent-format.md, "The content swarm"): every file this node
 * offers, wants or asked about gets a number on first sight, kept for the life of the engine, and that number is
 * its piece index in the swarm and what the node's {@code ds_content} messages call it. Numbers are never reused
 * (a file evicted and stored again keeps its number), so a peer's map of our numbers never goes stale. Confined to
 * the swarm's thread.
 */
public final class ContentCatalog {

    /** Files numbered at most: the content swarm's piece count. */
    public static final int CAPACITY = 1 << 20;

    private final int capacity;
    private final Map<ByteString, Integer> bySha = new HashMap<>();
    private final List<ByteString> shas = new ArrayList<>();
    private long[] lengths = new long[256];

    public ContentCatalog(int capacity) {
        if (capacity < 1 || capacity > CAPACITY) {
            throw new IllegalArgumentException("capacity " + capacity + " (expected: 1 to " + CAPACITY + ")");
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** Files numbered so far: every number is below this. */
    public int size() {
        return shas.size();
    }

    /** The number of a file, or -1 if it has none yet. */
    public int indexOf(ByteString sha256) {
        return bySha.getOrDefault(sha256, -1);
    }

    /**
     * The number of a file, given one if it has none yet.
     *
     * @throws IllegalArgumentException if the file is numbered with another length (the SHA-256 says otherwise)
     * @throws IllegalStateException    if {@link #capacity} files are numbered
     */
    public int add(ByteString sha256, long length) {
        if (sha256.length() != 32 || length < 0) {
            throw new IllegalArgumentException("sha256 of " + sha256.length() + " bytes, length " + length
                    + " (expected: 32 bytes, >= 0)");
        }
        int known = indexOf(sha256);
        if (known >= 0) {
            if (lengths[known] != length) {
                throw new IllegalArgumentException("file " + sha256.toHex() + " of " + length
                        + " bytes (expected: " + lengths[known] + ", as numbered before)");
            }
            return known;
        }
        if (shas.size() >= capacity) {
            throw new IllegalStateException("content catalog full: " + capacity + " files numbered");
        }
        int index = shas.size();
        shas.add(sha256);
        bySha.put(sha256, index);
        if (index == lengths.length) {
            lengths = Arrays.copyOf(lengths, Math.min(capacity, lengths.length * 2));
        }
        lengths[index] = length;
        return index;
    }

    public ByteString sha256(int index) {
        return shas.get(index);
    }

    /** The file's length; 0 for a number not given (a request for it then reaches beyond the piece). */
    public long length(int index) {
        return index >= 0 && index < shas.size() ? lengths[index] : 0;
    }

    /** The first 8 bytes of a SHA-256, what a node keeps of a peer's file it has no number for. */
    public static long prefix(ByteString sha256) {
        long p = 0;
        for (int i = 0; i < 8; i++) {
            p = p << 8 | (sha256.byteAt(i) & 0xff);
        }
        return p;
    }
}
