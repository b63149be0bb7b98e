package org.debswarm.tracker.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class QueryStringTest {

    @Test
    public void decodesEveryByteValue() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        QueryString q = QueryString.parse("v=" + TestSupport.encode(all), 4096, 8);
        assertArrayEquals(all, q.single("v"));
    }

    @Test
    public void decodesLowerCaseEscapesPlusAndBareNames() throws Exception {
        QueryString q = QueryString.parse("a=%ff%0a+b&compact&&b=x=y", 100, 8);
        assertArrayEquals(new byte[] {(byte) 0xff, 0x0a, ' ', 'b'}, q.single("a"));
        assertArrayEquals(new byte[0], q.single("compact"));
        assertArrayEquals("x=y".getBytes(), q.single("b"));
        assertNull(q.single("missing"));
    }

    @Test
    public void emptyAndNullQueriesHaveNoParameters() throws Exception {
        assertEquals(0, QueryString.parse(null, 10, 1).all("a").size());
        assertEquals(0, QueryString.parse("", 10, 1).all("a").size());
    }

    @Test
    public void keepsRepeatedValuesInOrderButSingleRefusesThem() throws Exception {
        QueryString q = QueryString.parse("h=1&h=2", 100, 8);
        assertEquals(2, q.all("h").size());
        assertArrayEquals("2".getBytes(), q.all("h").get(1));
        assertEquals("h given 2 times (expected: once)",
                assertThrows(TrackerRequestException.class, () -> q.single("h")).getMessage());
    }

    @Test
    public void refusesTruncatedEscapes() {
        assertThrows(TrackerRequestException.class, () -> QueryString.parse("a=%", 100, 8));
        assertThrows(TrackerRequestException.class, () -> QueryString.parse("a=%f", 100, 8));
        assertEquals("bad percent-escape at offset 2 of the query (expected: %XX with two hexadecimal digits)",
                assertThrows(TrackerRequestException.class, () -> QueryString.parse("a=%f&b=1", 100, 8))
                        .getMessage());
    }

    @Test
    public void refusesInvalidCharacters() {
        assertThrows(TrackerRequestException.class, () -> QueryString.parse("a=%zz", 100, 8));
        assertThrows(TrackerRequestException.class, () -> QueryString.parse("a=\u00e9", 100, 8));
        assertThrows(TrackerRequestException.class, () -> QueryString.parse("a=b c", 100, 8));
        assertThrows(TrackerRequestException.class, () -> QueryString.parse("a=\n", 100, 8));
    }

    @Test
    public void refusesOversizedQueries() {
        assertEquals("query length 101 (expected: <= 100)", assertThrows(TrackerRequestException.class,
                () -> QueryString.parse("a=" + "x".repeat(99), 100, 8)).getMessage());
        assertEquals("more than 3 query parameters", assertThrows(TrackerRequestException.class,
                () -> QueryString.parse("a&b&c&d", 100, 3)).getMessage());
    }

    @Test
    public void parsesNumbersWithinBounds() throws Exception {
        QueryString q = QueryString.parse("n=9223372036854775807&z=0&neg=-5", 100, 8);
        assertEquals(Long.MAX_VALUE, q.requiredNumber("n", 0, Long.MAX_VALUE));
        assertEquals(0, q.requiredNumber("z", 0, 1));
        assertEquals(7, q.number("absent", 0, 10, 7));
        assertEquals("neg -5 (expected: 0..100)", assertThrows(TrackerRequestException.class,
                () -> q.requiredNumber("neg", 0, 100)).getMessage());
    }

    @Test
    public void refusesMalformedNumbers() throws Exception {
        QueryString q = QueryString.parse("over=9223372036854775808&long=12345678901234567890&x=1e3&e=&m=-", 200, 8);
        assertEquals("over '9223372036854775808' (expected: <= 9223372036854775807)", assertThrows(
                TrackerRequestException.class, () -> q.requiredNumber("over", 0, Long.MAX_VALUE)).getMessage());
        assertThrows(TrackerRequestException.class, () -> q.requiredNumber("long", 0, Long.MAX_VALUE));
        assertEquals("x '1e3' (expected: a decimal integer)",
                assertThrows(TrackerRequestException.class, () -> q.requiredNumber("x", 0, 10)).getMessage());
        assertThrows(TrackerRequestException.class, () -> q.requiredNumber("e", 0, 10));
        assertThrows(TrackerRequestException.class, () -> q.requiredNumber("m", 0, 10));
        assertEquals("missing port",
                assertThrows(TrackerRequestException.class, () -> q.requiredNumber("port", 1, 2)).getMessage());
    }
}
