package org.debswarm.node.internal.tracker;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import org.debswarm.torrent.bencode.ByteString;

/**
 * Debswarm's peer id: the Azureus-style client prefix {@code -DS0100-} (Debswarm 0.1.0.0) followed by 12
 * random alphanumeric characters, so that it stays printable in tracker pages and logs.
 */
public final class PeerId {

    /** Client and version, as in BEP 20's Azureus style. */
    public static final String PREFIX = "-DS0100-";
    public static final int LENGTH = 20;

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private PeerId() {
    }

    /** A fresh peer id; call once per node start. */
    public static ByteString generate(RandomGenerator random) {
        StringBuilder id = new StringBuilder(PREFIX);
        while (id.length() < LENGTH) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return ByteString.of(id.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
