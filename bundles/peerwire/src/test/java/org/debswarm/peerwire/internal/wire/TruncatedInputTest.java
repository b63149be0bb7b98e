package org.debswarm.peerwire.internal.wire;

import static org.debswarm.peerwire.internal.wire.WireFeed.hex;
import static org.junit.Assert.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.Test;

/** Every proper prefix of a message asks for more (0) and consumes nothing. */
public class TruncatedInputTest {

    private static final List<String> MESSAGES = List.of("00000000", "00000001 00", "00000005 04 00000009",
            "00000003 05 81c0", "0000000d 06 00000002 00004000 00004000", "0000000c 07 00000003 00000000 616263",
            "0000000d 08 00000002 00004000 00004000", "00000004 14 03 6869");

    @Test
    public void everyPrefixNeedsMore() throws Exception {
        for (String m : MESSAGES) {
            byte[] data = hex(m);
            for (int n = 0; n < data.length; n++) {
                MessageDecoder decoder = new MessageDecoder(WireFeed.LIMITS);
                ByteBuffer in = ByteBuffer.wrap(data, 0, n);
                WireFeed.Values told = new WireFeed.Values(10);
                assertEquals(m + " cut at " + n, 0, decoder.decode(in, told));
                assertEquals("position untouched", 0, in.position());
                assertEquals("nothing told", List.of(), told);
            }
        }
    }

    @Test
    public void aMessageCutAfterAnotherYieldsOnlyTheFirst() throws Exception {
        byte[] data = hex("00000001 01 0000000d 06 00000002 0000");
        MessageDecoder decoder = new MessageDecoder(WireFeed.LIMITS);
        ByteBuffer in = ByteBuffer.wrap(data);
        WireFeed.Values told = new WireFeed.Values(10);
        assertEquals(5, decoder.decode(in, told));
        in.position(5);
        assertEquals(0, decoder.decode(in, told));
        assertEquals(List.of(Unchoke.INSTANCE), told);
    }

    @Test
    public void aPartialHandshakeNeedsMore() throws Exception {
        byte[] data = hex("13" + hex("BitTorrent prot".getBytes()));
        assertEquals(0, Handshake.decode(ByteBuffer.wrap(data), new Handshake[1]));
    }
}
