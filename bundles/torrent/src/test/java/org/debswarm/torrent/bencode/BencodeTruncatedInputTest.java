package org.debswarm.torrent.bencode;

import static org.debswarm.torrent.bencode.Feed.bytes;
import static org.debswarm.torrent.bencode.Feed.failure;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

/** Valid beginnings of a value: the decoder asks for more, and a whole decode names what is missing. */
public class BencodeTruncatedInputTest {

    @Test
    public void emptyInput() {
        assertEquals("input ends at offset 0 (expected: a value: 'i', 'l', 'd' or a digit)", failure(""));
    }

    @Test
    public void integerWithoutEnd() {
        assertEquals("input ends at offset 1 (expected: the rest of the integer at offset 0)", failure("i"));
        assertEquals("input ends at offset 3 (expected: the rest of the integer at offset 0)", failure("i-4"));
    }

    @Test
    public void stringLengthWithoutColon() {
        assertEquals("input ends at offset 2 (expected: the rest of the string length at offset 0)", failure("12"));
    }

    @Test
    public void stringShorterThanItsLength() {
        assertEquals("input ends at offset 2 (expected: 4 more bytes of the string at offset 0)", failure("4:"));
        assertEquals("input ends at offset 5 (expected: 1 more bytes of the string at offset 0)", failure("4:spa"));
    }

    @Test
    public void openList() {
        assertEquals("input ends at offset 1 (expected: a list element or 'e' to end the list at offset 0)",
                failure("l"));
        assertEquals("input ends at offset 8 (expected: a list element or 'e' to end the list at offset 1)",
                failure("ll4:spam"));
    }

    @Test
    public void openDictionary() {
        assertEquals("input ends at offset 1 (expected: a key or 'e' to end the dictionary at offset 0)",
                failure("d"));
        assertEquals("input ends at offset 6 (expected: a value for key \"cow\")", failure("d3:cow"));
        assertEquals("input ends at offset 11 (expected: a key or 'e' to end the dictionary at offset 0)",
                failure("d3:cow3:moo"));
    }

    @Test
    public void everyPrefixOfAValueNeedsMore() throws BencodeException {
        byte[] data = bytes("d4:infod6:lengthi1024e4:name3:abce5:nodesl4:spamee");
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.DEFAULT);
        for (int available = 0; available < data.length; available++) {
            assertEquals("prefix of " + available, 0, decoder.decode(data, 0, available));
            assertNull(decoder.value());
        }
        assertEquals(data.length, decoder.decode(data, 0, data.length));
        assertEquals(0, decoder.scanned());
    }
}
