package org.debswarm.torrent;

import java.util.List;
import java.util.Objects;

/** One file of a standard torrent: its path segments under the torrent's name, length, and offset in the torrent. */
public final class TorrentFile {

    private final List<String> path;
    private final long length;
    private final long offset;

    /**
     * @param path at least one segment
     * @throws IllegalArgumentException for an empty path, or a negative length or offset
     */
    public TorrentFile(List<String> path, long length, long offset) {
        this.path = List.copyOf(path);
        if (this.path.isEmpty() || length < 0 || offset < 0) {
            throw new IllegalArgumentException("file " + path + " of length " + length + " at " + offset
                    + " (expected: a path and non-negative length and offset)");
        }
        this.length = length;
        this.offset = offset;
    }

    /** Path segments, for example {@code [docs, README]}. */
    public List<String> path() {
        return path;
    }

    public long length() {
        return length;
    }

    /** Offset of the file's first byte in the concatenation of all files of the torrent. */
    public long offset() {
        return offset;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TorrentFile)) {
            return false;
        }
        TorrentFile f = (TorrentFile) o;
        return path.equals(f.path) && length == f.length && offset == f.offset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, length, offset);
    }

    @Override
    public String toString() {
        return String.join("/", path) + " (" + length + " bytes at " + offset + ")";
    }
}
