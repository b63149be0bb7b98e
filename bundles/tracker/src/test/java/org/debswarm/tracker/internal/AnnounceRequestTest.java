package org.debswarm.tracker.internal;

import static org.debswarm.tracker.internal.TestSupport.announce;
import static org.debswarm.tracker.internal.TestSupport.encode;
import static org.debswarm.tracker.internal.TestSupport.id20;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;

import org.junit.Test;

/** Announce parsing by kind of input: correct, truncated, invalid, oversized. */
public class AnnounceRequestTest {

    private static final byte[] HASH = id20(1);
    private static final byte[] PEER = id20(2);
    private static final String VALID = announce(HASH, PEER, 6881, 100, 200, 300);

    // ---- correct

    @Test
    public void parsesRawBinaryIdsByteExact() throws Exception {
        AnnounceRequest request = AnnounceRequest.parse(VALID);
        assertArrayEquals(HASH, request.infoHash().toByteArray());
        assertArrayEquals(PEER, request.peerId().toByteArray());
        assertEquals(6881, request.port());
        assertEquals(100, request.uploaded());
        assertEquals(200, request.downloaded());
        assertEquals(300, request.left());
        assertEquals(Event.NONE, request.event());
        assertEquals(-1, request.numwant());
        assertTrue("compact is the default", request.compact());
        assertFalse(request.noPeerId());
        assertNull(request.ip());
        assertNull(request.name());
    }

    @Test
    public void parsesOptionalParametersAndIgnoresUnknownOnes() throws Exception {
        String name = "deb.debian.org bookworm main binary-amd64 \u00e9";
        AnnounceRequest request = AnnounceRequest.parse(VALID + "&event=completed&numwant=80&compact=0"
                + "&no_peer_id=1&ip=10.0.0.1&key=abc&supportcrypto=1&corrupt=0&name="
                + encode(name.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Event.COMPLETED, request.event());
        assertEquals(80, request.numwant());
        assertFalse(request.compact());
        assertTrue(request.noPeerId());
        assertEquals("10.0.0.1", request.ip());
        assertEquals(name, request.name());
    }

    @Test
    public void acceptsEveryEvent() throws Exception {
        for (Event event : Event.values()) {
            assertEquals(event, AnnounceRequest.parse(VALID + "&event=" + event.wireName()).event());
        }
    }

    @Test
    public void acceptsUnescapedUnreservedBytesInIds() throws Exception {
        byte[] ascii = "-_.~0123456789abcdeF".getBytes(StandardCharsets.US_ASCII);
        AnnounceRequest request = AnnounceRequest.parse(announce(ascii, ascii, 1, 0, 0, 0));
        assertArrayEquals(ascii, request.infoHash().toByteArray());
        assertEquals(1, request.port());
        assertTrue(request.seeder());
    }

    // ---- truncated

    @Test
    public void everyPrefixOfAValidQueryIsRefusedCleanlyUntilTheLastValueStarts() throws Exception {
        int lastValue = VALID.indexOf("left=") + "left=".length();
        for (int length = 0; length <= lastValue; length++) {
            try {
                AnnounceRequest.parse(VALID.substring(0, length));
                fail("a truncated announce parsed: " + VALID.substring(0, length));
            } catch (TrackerRequestException expected) {
                assertFalse(expected.getMessage().isEmpty());
            }
        }
        assertEquals(3, AnnounceRequest.parse(VALID.substring(0, lastValue + 1)).left());
    }

    @Test
    public void refusesTruncatedIds() {
        byte[] short19 = new byte[19];
        assertRefused(announce(short19, PEER, 1, 0, 0, 0), "info_hash length 19 (expected: 20)");
        assertRefused(announce(HASH, short19, 1, 0, 0, 0), "peer_id length 19 (expected: 20)");
        assertRefused(VALID.replace("info_hash=", "info_hash=%"), "bad percent-escape at offset 10 of the query"
                + " (expected: %XX with two hexadecimal digits)");
    }

    // ---- invalid

    @Test
    public void refusesMissingRequiredParameters() {
        assertRefused(VALID.replace("&port=6881", ""), "missing port");
        assertRefused(VALID.replace("&left=300", ""), "missing left");
        assertRefused(VALID.replace("info_hash=", "infohash="), "missing info_hash");
    }

    @Test
    public void refusesBadPortsAndCounters() {
        assertRefused(VALID.replace("port=6881", "port=0"), "port 0 (expected: 1..65535)");
        assertRefused(VALID.replace("port=6881", "port=65536"), "port 65536 (expected: 1..65535)");
        assertRefused(VALID.replace("uploaded=100", "uploaded=-1"),
                "uploaded -1 (expected: 0..9223372036854775807)");
        assertRefused(VALID.replace("left=300", "left=-300"), "left -300 (expected: 0..9223372036854775807)");
        assertRefused(VALID.replace("downloaded=200", "downloaded=2e2"),
                "downloaded '2e2' (expected: a decimal integer)");
    }

    @Test
    public void refusesGarbageInKnownParameters() {
        assertRefused(VALID + "&event=finished",
                "event 'finished' (expected: started, completed, stopped, paused or empty)");
        assertRefused(VALID + "&compact=2", "compact 2 (expected: 0..1)");
        assertRefused(VALID + "&numwant=-1", "numwant -1 (expected: 0..10000)");
        assertRefused(VALID + "&name=%C3%28", "name '\\xc3(' (expected: UTF-8)");
        assertRefused(VALID + "&name=a%00b", "name 'a\\x00b' (expected: no control characters)");
        assertRefused(VALID + "&port=6882", "port given 2 times (expected: once)");
        assertRefused(VALID + "&info_hash=" + encode(HASH), "info_hash given 2 times (expected: once)");
    }

    @Test
    public void refusalsQuoteOnlyAShortPrintableExcerpt() {
        String garbage = "%01".repeat(100);
        TrackerRequestException refused = assertThrows(TrackerRequestException.class,
                () -> AnnounceRequest.parse(VALID + "&event=" + garbage));
        assertTrue(refused.getMessage(), refused.getMessage().length() < 200);
        assertTrue(refused.getMessage(), refused.getMessage().startsWith("event '\\x01\\x01"));
    }

    // ---- oversized

    @Test
    public void refusesOversizedInput() {
        assertRefused(announce(new byte[21], PEER, 1, 0, 0, 0), "info_hash length 21 (expected: 20)");
        assertRefused(VALID + "&numwant=10001", "numwant 10001 (expected: 0..10000)");
        assertRefused(VALID + "&numwant=99999999999999999999",
                "numwant '99999999999999999999' (expected: a decimal integer of 1 to 19 digits)");
        assertRefused(VALID + "&name=" + "n".repeat(257), "name length 257 (expected: <= 256)");
        String overlong = VALID + "&x=" + "y".repeat(AnnounceRequest.MAX_QUERY_LENGTH);
        assertRefused(overlong, "query length " + overlong.length() + " (expected: <= 4096)");
        assertRefused(VALID + "&k=1".repeat(60), "more than 64 query parameters");
    }

    private static void assertRefused(String query, String reason) {
        assertEquals(reason, assertThrows(TrackerRequestException.class, () -> AnnounceRequest.parse(query))
                .getMessage());
    }
}
