package org.debswarm.peerwire.internal.swarm;

import java.nio.charset.StandardCharsets;

/** A readable client name from a peer id, for peers that send no BEP 10 {@code v}. */
final class ClientNames {

    private ClientNames() {
    }

    // Azureus style, the common convention: "-qB4500-" followed by random bytes
    static String fromPeerId(byte[] peerId) {
        if (peerId.length >= 8 && peerId[0] == '-' && peerId[7] == '-') {
            String tag = new String(peerId, 1, 6, StandardCharsets.US_ASCII);
            if (tag.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                return tag.substring(0, 2) + " " + tag.substring(2);
            }
        }
        return "unknown";
    }
}
