package org.debswarm.torrent.bencode;

import static org.debswarm.torrent.bencode.Feed.bytes;
import static org.debswarm.torrent.bencode.Feed.decode;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.Test;

/** Well-formed canonical input: decoded whole and byte by byte, and encoded back to the same bytes. */
public class BencodeCorrectInputTest {

    private static final String[] CANONICAL = {
        "i0e", "i42e", "i-42e", "i9223372036854775807e", "i-9223372036854775808e",
        "0:", "4:spam", "3:\u0000\u00ff\n",
        "le", "l4:spami42ee", "llleee",
        "de", "d3:cow3:moo4:spam4:eggse", "d4:spaml1:a1:bee", "d1:ad1:bl1:ci1eeee",
        "d1:\u007fi1e1:\u0080i2ee", "d0:0:1:a0:e",
    };

    @Test
    public void integers() throws BencodeException {
        assertEquals(0L, decode("i0e"));
        assertEquals(42L, decode("i42e"));
        assertEquals(-42L, decode("i-42e"));
        assertEquals(Long.MAX_VALUE, decode("i9223372036854775807e"));
        assertEquals(Long.MIN_VALUE, decode("i-9223372036854775808e"));
    }

    @Test
    public void strings() throws BencodeException {
        assertEquals(ByteString.utf8(""), decode("0:"));
        assertEquals(ByteString.utf8("spam"), decode("4:spam"));
        assertArrayEquals(new byte[] {0, (byte) 0xff, '\n'}, ((ByteString) decode("3:\u0000\u00ff\n")).toByteArray());
    }

    @Test
    public void lists() throws BencodeException {
        assertEquals(List.of(), decode("le"));
        assertEquals(List.of(ByteString.utf8("spam"), 42L), decode("l4:spami42ee"));
        assertEquals(List.of(List.of(List.of())), decode("lllee" + "e"));
    }

    @Test
    public void dictionaries() throws BencodeException {
        assertEquals(Map.of(), decode("de"));
        Object cow = decode("d3:cow3:moo4:spam4:eggse");
        assertTrue(cow instanceof SortedMap);
        assertEquals(Map.of(ByteString.utf8("cow"), ByteString.utf8("moo"),
                ByteString.utf8("spam"), ByteString.utf8("eggs")), cow);
        assertEquals(Map.of(ByteString.utf8("a"), Map.of(ByteString.utf8("b"), List.of(ByteString.utf8("c"), 1L))),
                decode("d1:ad1:bl1:ci1eeee"));
    }

    @Test
    public void keysAreOrderedAsUnsignedBytes() throws BencodeException {
        // 0x80 sorts after 0x7f; a signed comparison would put it first
        SortedMap<?, ?> map = (SortedMap<?, ?>) decode("d1:\u007fi1e1:\u0080i2ee");
        assertEquals(List.of(ByteString.of(new byte[] {0x7f}), ByteString.of(new byte[] {(byte) 0x80})),
                List.copyOf(map.keySet()));
    }

    @Test
    public void emptyKeyAndEmptyValues() throws BencodeException {
        Map<ByteString, Object> expected = new TreeMap<>();
        expected.put(ByteString.utf8(""), ByteString.utf8(""));
        expected.put(ByteString.utf8("a"), ByteString.utf8(""));
        assertEquals(expected, decode("d0:0:1:a0:e"));
    }

    @Test
    public void roundTripsAreByteExact() throws BencodeException {
        for (String input : CANONICAL) {
            assertArrayEquals(input, bytes(input), Bencode.encode(decode(input)));
        }
    }

    @Test
    public void unsortedKeysAcceptedWhenLenient() throws BencodeException {
        byte[] data = bytes("d1:bi2e1:ai1ee");
        Object value = Bencode.decodeLenient(data, BencodeLimits.DEFAULT);
        assertEquals(Map.of(ByteString.utf8("a"), 1L, ByteString.utf8("b"), 2L), value);
        assertEquals(value, Feed.byteByByte(data, new BencodeDecoder(BencodeLimits.DEFAULT, false)));
        // re-encoding is canonical, hence not the input
        assertArrayEquals(bytes("d1:ai1e1:bi2ee"), Bencode.encode(value));
    }

    @Test
    public void valueAtExactlyTheLimits() throws BencodeException {
        BencodeLimits tight = new BencodeLimits(2, 4, 3, 14, 2);
        assertEquals(List.of(List.of(999L, -999L), ByteString.utf8("abcd")),
                decode("lli999ei-999ee4:abcde", tight.withMaxTotalSize(21)));
    }
}
