package org.debswarm.torrent.bencode;

import static org.debswarm.torrent.bencode.Feed.failure;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** Malformed or non-canonical input: rejected, whole and byte by byte, with the same message. */
public class BencodeInvalidInputTest {

    @Test
    public void leadingZeroInInteger() {
        assertEquals("leading zero in integer at offset 1 (expected: no leading zeros)", failure("i01e"));
        assertEquals("leading zero in integer at offset 1 (expected: no leading zeros)", failure("i00e"));
    }

    @Test
    public void negativeZero() {
        assertEquals("negative zero at offset 0 (expected: no \"-0\")", failure("i-0e"));
        assertEquals("negative zero at offset 1 (expected: no \"-0\")", failure("li-01ee"));
    }

    @Test
    public void integerWithoutDigits() {
        assertEquals("integer without digits at offset 0 (expected: at least one digit)", failure("ie"));
        assertEquals("integer without digits at offset 0 (expected: at least one digit)", failure("i-e"));
    }

    @Test
    public void integerWithOtherCharacters() {
        assertEquals("unexpected '+' (0x2b) in integer at offset 1 (expected: a digit or 'e')", failure("i+1e"));
        assertEquals("unexpected '.' (0x2e) in integer at offset 2 (expected: a digit or 'e')", failure("i1.5e"));
        assertEquals("unexpected ' ' (0x20) in integer at offset 1 (expected: a digit or 'e')", failure("i 1e"));
        assertEquals("unexpected '-' (0x2d) in integer at offset 2 (expected: a digit or 'e')", failure("i--1e"));
        assertEquals("unexpected '-' (0x2d) in integer at offset 2 (expected: a digit or 'e')", failure("i1-e"));
    }

    @Test
    public void integerOutOf64Bits() {
        String expected = "integer out of 64-bit range at offset 0 (expected: -9223372036854775808 to 9223372036854775807)";
        assertEquals(expected, failure("i9223372036854775808e"));
        assertEquals(expected, failure("i-9223372036854775809e"));
    }

    @Test
    public void badStringLength() {
        assertEquals("leading zero in string length at offset 0 (expected: no leading zeros)", failure("01:a"));
        assertEquals("leading zero in string length at offset 0 (expected: no leading zeros)", failure("00:"));
        assertEquals("unexpected 'x' (0x78) in string length at offset 1 (expected: a digit or ':')", failure("1x"));
        assertEquals("unexpected '-' (0x2d) in string length at offset 1 (expected: a digit or ':')", failure("1-1:a"));
    }

    @Test
    public void unexpectedStartOfValue() {
        assertEquals("unexpected 'x' (0x78) at offset 0 (expected: a value: 'i', 'l', 'd' or a digit)", failure("x"));
        assertEquals("unexpected 'e' (0x65) at offset 0 (expected: a value: 'i', 'l', 'd' or a digit)", failure("e"));
        assertEquals("unexpected '-' (0x2d) at offset 0 (expected: a value: 'i', 'l', 'd' or a digit)", failure("-1:a"));
        assertEquals("unexpected byte 0xff at offset 1 (expected: a list element or 'e' to end the list at offset 0)",
                failure("l\u00ffe"));
    }

    @Test
    public void unsortedKeys() {
        assertEquals("dictionary key \"a\" after \"b\" at offset 7 (expected: keys sorted by raw bytes)",
                failure("d1:bi1e1:ai2ee"));
        // unsigned order: 0x80 must come after 0x7f
        assertEquals("dictionary key 0x7f after 0x80 at offset 7 (expected: keys sorted by raw bytes)",
                failure("d1:\u0080i1e1:\u007fi2ee"));
    }

    @Test
    public void duplicateKeys() {
        assertEquals("duplicate dictionary key \"a\" at offset 7 (expected: unique keys)", failure("d1:ai1e1:ai2ee"));
        assertEquals("duplicate dictionary key \"a\" at offset 13 (expected: unique keys)",
                failure("d1:ai1e1:bi2e1:ai3ee", BencodeLimits.DEFAULT, false));
    }

    @Test
    public void keyThatIsNotAString() {
        assertEquals("dictionary key starting with 'i' (0x69) at offset 1 (expected: a string or 'e')",
                failure("di1ei2ee"));
        assertEquals("dictionary key starting with 'l' (0x6c) at offset 1 (expected: a string or 'e')",
                failure("dlei2ee"));
    }

    @Test
    public void keyWithoutValue() {
        assertEquals("unexpected 'e' (0x65) at offset 4 (expected: a value for key \"a\")", failure("d1:ae"));
    }

    @Test
    public void trailingData() {
        assertEquals("trailing data at offset 3 (expected: end of input after the value)", failure("i4ee"));
        assertEquals("trailing data at offset 6 (expected: end of input after the value)", failure("4:spamX"));
        assertEquals("trailing data at offset 2 (expected: end of input after the value)", failure("dede"));
    }
}
