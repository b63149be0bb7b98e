package org.debswarm.peerwire.internal.wire;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): a peer's {@code ds_content} payload. Besides "no exception but
 * {@link PeerWireException}": an inventory that was read, written again, reads back the same.
 */
public final class ContentInventoryFuzz {

    private ContentInventoryFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        ContentInventory read;
        try {
            read = ContentInventory.parse(input);
        } catch (PeerWireException expected) {
            return; // the documented refusal: the connection is closed
        }
        try {
            if (!ContentInventory.parse(WireFeed.payload(read.toMessage(1))).equals(read)) {
                throw new IllegalStateException("written again, it reads back otherwise: " + read);
            }
        } catch (PeerWireException e) {
            throw new IllegalStateException("what was read cannot be read once written again", e);
        }
    }
}
