package org.debswarm.storage;

/**
 * One file of a standard multi-file torrent, in torrent order: its path relative to the
 * torrent's folder (validated like {@link FileKey#checkPath}) and its length.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3, the info dictionary</a>
 */
public record FileSpan(String path, long length) {

    public FileSpan {
        FileKey.checkPath(path);
        if (length < 0) {
            throw new IllegalArgumentException("length " + length + " of " + path + " (expected: >= 0)");
        }
    }
}
