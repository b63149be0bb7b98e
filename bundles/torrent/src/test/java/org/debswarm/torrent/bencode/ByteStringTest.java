package org.debswarm.torrent.bencode;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ByteStringTest {

    @Test
    public void copiesInAndOut() {
        byte[] source = {1, 2, 3};
        ByteString s = ByteString.of(source);
        source[0] = 9;
        s.toByteArray()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, s.toByteArray());
        assertEquals(3, s.length());
    }

    @Test
    public void equalityByContent() {
        assertEquals(ByteString.utf8("abc"), ByteString.of(new byte[] {'a', 'b', 'c'}));
        assertEquals(ByteString.utf8("abc").hashCode(), ByteString.of(new byte[] {'a', 'b', 'c'}).hashCode());
        assertNotEquals(ByteString.utf8("abc"), ByteString.utf8("abd"));
        assertNotEquals(ByteString.utf8("abc"), "abc");
    }

    @Test
    public void unsignedLexicographicOrder() {
        assertTrue(ByteString.of(new byte[] {0x7f}).compareTo(ByteString.of(new byte[] {(byte) 0x80})) < 0);
        assertTrue(ByteString.utf8("ab").compareTo(ByteString.utf8("abc")) < 0);
        assertTrue(ByteString.utf8("b").compareTo(ByteString.utf8("abc")) > 0);
        assertEquals(0, ByteString.utf8("").compareTo(ByteString.of(new byte[0])));
    }

    @Test
    public void utf8() {
        assertEquals("d\u00e9j\u00e0", ByteString.utf8("d\u00e9j\u00e0").utf8());
        assertEquals(6, ByteString.utf8("d\u00e9j\u00e0").length());
    }

    @Test
    public void readableToString() {
        assertEquals("\"spam\"", ByteString.utf8("spam").toString());
        assertEquals("0x00ff", ByteString.of(new byte[] {0, (byte) 0xff}).toString());
        assertEquals("00ff", ByteString.of(new byte[] {0, (byte) 0xff}).toHex());
    }
}
