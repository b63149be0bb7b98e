package org.debswarm.torrent.bencode;

import static org.debswarm.torrent.bencode.Feed.bytes;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Encoding Java values: canonical output, conversions, and rejected values. */
public class BencodeEncodeTest {

    @Test
    public void scalars() {
        assertArrayEquals(bytes("i0e"), Bencode.encode(0));
        assertArrayEquals(bytes("i-7e"), Bencode.encode(-7L));
        assertArrayEquals(bytes("i-9223372036854775808e"), Bencode.encode(Long.MIN_VALUE));
        assertArrayEquals(bytes("4:spam"), Bencode.encode("spam"));
        assertArrayEquals(bytes("0:"), Bencode.encode(new byte[0]));
        assertArrayEquals(bytes("2:\u00c3\u00a9"), Bencode.encode("\u00e9")); // é as UTF-8
        assertArrayEquals(bytes("3:abc"), Bencode.encode(ByteString.utf8("abc")));
    }

    @Test
    public void dictionaryKeysAreSortedByRawBytes() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("spam", "eggs");
        map.put(ByteString.of(new byte[] {(byte) 0x80}), 2);
        map.put("cow", "moo");
        map.put(new byte[] {0x7f}, 1);
        assertArrayEquals(bytes("d3:cow3:moo4:spam4:eggs1:\u007fi1e1:\u0080i2ee"), Bencode.encode(map));
    }

    @Test
    public void nestedStructure() {
        Map<String, Object> info = new HashMap<>();
        info.put("name", "a");
        info.put("length", 1024L);
        Map<String, Object> torrent = Map.of("info", info, "announce-list", List.of(List.of("http://t/a")));
        assertEquals("d13:announce-listll10:http://t/aee4:infod6:lengthi1024e4:name1:aee",
                new String(Bencode.encode(torrent), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    public void keysEqualAfterConversionAreRejected() {
        Map<Object, Object> map = new HashMap<>();
        map.put("a", 1);
        map.put(ByteString.utf8("a"), 2);
        assertEquals("duplicate dictionary key \"a\" after conversion to bytes (expected: unique keys)",
                illegal(map));
    }

    @Test
    public void unsupportedValuesAreRejected() {
        assertEquals("cannot bencode java.lang.Double "
                + "(expected: Long, Integer, ByteString, byte[], String, List or Map)", illegal(1.5));
        assertEquals("cannot bencode null (expected: Long, Integer, ByteString, byte[], String, List or Map)",
                illegal(Arrays.asList((Object) null)));
        assertEquals("dictionary key of type java.lang.Integer (expected: String, ByteString or byte[])",
                illegal(Map.of(1, 2)));
    }

    private static String illegal(Object value) {
        try {
            Bencode.encode(value);
            fail("expected IllegalArgumentException");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }
}
