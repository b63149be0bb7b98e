package org.debswarm.peerwire.internal.wire;

import static org.debswarm.peerwire.internal.wire.WireFeed.failsAfter;
import static org.debswarm.peerwire.internal.wire.WireFeed.failure;
import static org.debswarm.peerwire.internal.wire.WireFeed.hex;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.ByteBuffer;

import org.junit.Test;

/** Input that breaks BEP 3 or BEP 10: one exception type, naming the value and what was expected. */
public class InvalidInputTest {

    @Test
    public void unknownIdIsRefusedAsSoonAsItArrives() {
        byte[] data = hex("00000003 09 1ae1");
        assertEquals("message id 9 (expected: 0 to 8 or 20)", failure(data));
        assertEquals(5, failsAfter(data));
    }

    @Test
    public void wrongFixedLengths() {
        assertEquals("choke length 2 (expected: 1)", failure(hex("00000002 00 00")));
        assertEquals("have length 4 (expected: 5)", failure(hex("00000004 04 000000")));
        assertEquals("request length 12 (expected: 13)", failure(hex("0000000c 06 00000000 00000000 000040")));
        assertEquals("bitfield length 4 (expected: 3)", failure(hex("00000004 05 000000")));
        assertEquals("piece length 9 (expected: 10 to 131081)", failure(hex("00000009 07 00000000 00000000")));
    }

    @Test
    public void indexesOutOfRange() {
        assertEquals("have piece 10 (expected: < 10)", failure(hex("00000005 04 0000000a")));
        assertEquals("have piece 4294967295 (expected: < 10)", failure(hex("00000005 04 ffffffff")));
        assertEquals("request piece 12 (expected: < 10)",
                failure(hex("0000000d 06 0000000c 00000000 00004000")));
        assertEquals("cancel begin 2147483648 (expected: < 2^31)",
                failure(hex("0000000d 08 00000001 80000000 00004000")));
        assertEquals("piece piece 10 (expected: < 10)", failure(hex("0000000a 07 0000000a 00000000 ff")));
    }

    @Test
    public void requestLengthZero() {
        assertEquals("request length 0 (expected: 1 to 131072)",
                failure(hex("0000000d 06 00000001 00000000 00000000")));
    }

    @Test
    public void bitfieldSpareBits() {
        assertEquals("bitfield spare bits set (expected: zero after piece 9)", failure(hex("00000003 05 ffe0")));
        assertEquals("bitfield spare bits set (expected: zero after piece 9)", failure(hex("00000003 05 0001")));
    }

    @Test
    public void badHandshake() {
        PeerWireException e = assertThrows(PeerWireException.class,
                () -> Handshake.decode(ByteBuffer.wrap(hex("13 42 69 74 54 6f 72 72 65 6e 74 20 58")),
                        new Handshake[1]));
        assertEquals("handshake protocol byte 88 at 12 (expected: \"BitTorrent protocol\")", e.getMessage());
        e = assertThrows(PeerWireException.class, () -> Handshake.decode(ByteBuffer.wrap(hex("05")), new Handshake[1]));
        assertEquals("handshake protocol length 5 (expected: 19)", e.getMessage());
    }

    @Test
    public void extensionHandshakeThatIsNotADictionary() {
        PeerWireException e = assertThrows(PeerWireException.class, () -> ExtensionHandshake.parse("i3e".getBytes()));
        assertEquals("extension handshake is a Long (expected: a dictionary)", e.getMessage());
        e = assertThrows(PeerWireException.class, () -> ExtensionHandshake.parse("d1:m".getBytes()));
        assertEquals(true, e.getMessage().startsWith("extension handshake: "));
    }

    @Test
    public void valuesRefuseBadFields() {
        assertThrows(IllegalArgumentException.class, () -> new Have(-1));
        assertThrows(IllegalArgumentException.class, () -> new Request(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Extended(256, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Piece(0, 0, new byte[WireLimits.MAX_BLOCK + 1]));
        assertThrows(IllegalArgumentException.class, () -> new Handshake(new byte[7], null, new byte[20]));
    }
}
