package org.debswarm.torrent.internal;

/**
 * Which Packages entries can go into a torrent: part of the torrent format, since every node must leave out
 * the same entries to derive the same infohash (docs/torrent-format.md).
 */
final class EntryRules {

    private EntryRules() {
    }

    /**
     * A path relative to the archive root that is safe to store under {@code mirrors/<host>/}: not empty, not
     * absolute, no empty, {@code .} or {@code ..} segment, no backslash, no control character.
     */
    static boolean isSafePath(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) == '/' || path.charAt(path.length() - 1) == '/') {
            return false;
        }
        int segmentStart = 0;
        for (int i = 0; i <= path.length(); i++) {
            char c = i < path.length() ? path.charAt(i) : '/';
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
            if (c == '/') {
                if (!isSafeSegment(path, segmentStart, i)) {
                    return false;
                }
                segmentStart = i + 1;
            }
        }
        return true;
    }

    private static boolean isSafeSegment(String path, int from, int to) {
        int length = to - from;
        boolean dots = length <= 2 && path.charAt(from) == '.' && path.charAt(to - 1) == '.';
        return length > 0 && !dots;
    }

    /** Parses 64 hexadecimal digits into {@code target}; false if {@code hex} is anything else. */
    static boolean parseSha256(String hex, byte[] target) {
        if (hex == null || hex.length() != 2 * EntryBuffer.SHA256_LENGTH) {
            return false;
        }
        for (int i = 0; i < target.length; i++) {
            int high = hexDigit(hex.charAt(2 * i));
            int low = hexDigit(hex.charAt(2 * i + 1));
            if (high < 0 || low < 0) {
                return false;
            }
            target[i] = (byte) (high << 4 | low);
        }
        return true;
    }

    // Character.digit would also accept non-ASCII digits, which no Packages file may use
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
