package org.debswarm.tracker.internal;

/**
 * An announce or scrape the tracker refuses. The message becomes the bencoded {@code failure reason}
 * (<a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>), so it names what was wrong and the limit,
 * never echoing more than a short, printable excerpt of the client's input.
 */
final class TrackerRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    TrackerRequestException(String message) {
        super(message, null, false, false);
    }

    /** A short printable excerpt of untrusted input, for messages. */
    static String excerpt(byte[] value) {
        StringBuilder out = new StringBuilder("'");
        int shown = Math.min(value.length, 24);
        for (int i = 0; i < shown; i++) {
            int b = value[i] & 0xff;
            out.append(b >= 0x20 && b < 0x7f && b != '\'' ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return out.append(value.length > shown ? "'..." : "'").toString();
    }
}
