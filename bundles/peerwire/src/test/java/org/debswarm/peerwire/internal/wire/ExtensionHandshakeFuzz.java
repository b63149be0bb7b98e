package org.debswarm.peerwire.internal.wire;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): any bytes as the payload of a BEP 10 extension handshake and of a
 * mirror fetch notice. Besides "no exception but {@link PeerWireException}": a parsed handshake, sent back as
 * this node would, parses to the same value.
 */
public final class ExtensionHandshakeFuzz {

    private ExtensionHandshakeFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        try {
            ExtensionHandshake parsed = ExtensionHandshake.parse(input);
            ExtensionHandshake again = ExtensionHandshake.parse(WireFeed.payload(parsed.toMessage()));
            if (!again.equals(parsed)) {
                throw new IllegalStateException(parsed + " reads back as " + again);
            }
        } catch (PeerWireException expected) {
            // the documented refusal
        }
        try {
            MirrorFetchNotice.parse(input, 1 + (input.length > 0 ? input[0] & 0xff : 0));
        } catch (PeerWireException expected) {
            // the documented refusal
        }
    }
}
