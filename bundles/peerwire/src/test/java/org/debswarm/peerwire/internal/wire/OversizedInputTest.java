package org.debswarm.peerwire.internal.wire;

import static org.debswarm.peerwire.internal.wire.WireFeed.failsAfter;
import static org.debswarm.peerwire.internal.wire.WireFeed.failure;
import static org.debswarm.peerwire.internal.wire.WireFeed.hex;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** Lengths over a limit are refused from their header, before the payload is buffered. */
public class OversizedInputTest {

    @Test
    public void hugeLengthPrefix() {
        byte[] data = hex("00895440 07");
        assertEquals("length 9000000 (expected: <= 131081)", failure(data));
        assertEquals("refused after the 4-byte prefix", 4, failsAfter(data));
        assertEquals("length 4294967295 (expected: <= 131081)", failure(hex("ffffffff")));
    }

    @Test
    public void pieceBlockOverTheLimit() {
        byte[] data = hex("0002000a 07");
        assertEquals("length 131082 (expected: <= 131081)", failure(data));
        assertEquals(4, failsAfter(data));
    }

    @Test
    public void requestOverTheBlockLimit() {
        assertEquals("request length 131073 (expected: 1 to 131072)",
                failure(hex("0000000d 06 00000001 00000000 00020001")));
    }

    @Test
    public void extendedOverItsLimit() {
        // LIMITS allow 1024 bytes of extended payload
        assertEquals("extended length 1027 (expected: 2 to 1026)", failure(hex("00000403 14")));
    }

    @Test
    public void bitfieldSizedForTheTorrent() {
        WireLimits big = WireLimits.forPieces(8_000_000);
        assertEquals(1_000_001, big.maxFrame());
    }
}
