package org.debswarm.peerwire.internal.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.debswarm.torrent.InfoHash;
import org.junit.Test;

/**
 * BEP 14 announces byte-exact, split by kind of input (correct, truncated, invalid, oversized), each fed whole
 * and byte by byte; whole and byte by byte must agree.
 */
public class LsdCodecTest {

    private static final String H1 = "0123456789abcdef0123456789abcdef01234567";
    private static final String H2 = "fedcba9876543210fedcba9876543210fedcba98";
    private static final String LIBTORRENT_STYLE = "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\n"
            + "Port: 6881\r\nInfohash: " + H1 + "\r\ncookie: 1a2b3c\r\n\r\n\r\n";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Decodes whole and byte by byte, asserting both agree; returns the announce and the bytes used. */
    private static LsdAnnounce decode(byte[] data, int expectedUsed) throws LsdException {
        LsdAnnounce[] out = new LsdAnnounce[1];
        assertEquals("bytes used", expectedUsed, LsdCodec.decode(ByteBuffer.wrap(data), out));
        LsdAnnounce whole = out[0];
        assertEquals("byte by byte", whole, byteByByte(data));
        return whole;
    }

    private static LsdAnnounce byteByByte(byte[] data) throws LsdException {
        LsdAnnounce[] out = new LsdAnnounce[1];
        for (int n = 1; n <= data.length; n++) {
            int used = LsdCodec.decode(ByteBuffer.wrap(data, 0, n).slice(), out);
            if (used > 0) {
                return out[0];
            }
        }
        return null;
    }

    private static String failure(byte[] data) {
        String whole = assertThrows(LsdException.class, () -> LsdCodec.decode(ByteBuffer.wrap(data),
                new LsdAnnounce[1])).getMessage();
        assertEquals("byte by byte", whole, assertThrows(LsdException.class, () -> byteByByte(data)).getMessage());
        return whole;
    }

    // correct

    @Test
    public void libtorrentStyleAnnounceWithLowerCaseCookie() throws Exception {
        byte[] data = ascii(LIBTORRENT_STYLE);
        LsdAnnounce a = decode(data, data.length - 2);
        assertEquals(new LsdAnnounce("239.192.152.143:6771", 6881, List.of(InfoHash.fromHex(H1)), "1a2b3c"), a);
    }

    @Test
    public void encodesByteExactAndRoundTrips() throws Exception {
        LsdAnnounce a = new LsdAnnounce("[ff15::efc0:988f]:6771", 51413,
                List.of(InfoHash.fromHex(H1), InfoHash.fromHex(H2)), "c00c1e");
        String expected = "BT-SEARCH * HTTP/1.1\r\nHost: [ff15::efc0:988f]:6771\r\nPort: 51413\r\n"
                + "Infohash: " + H1 + "\r\nInfohash: " + H2 + "\r\ncookie: c00c1e\r\n\r\n\r\n";
        assertEquals(expected, new String(a.toBytes(), StandardCharsets.US_ASCII));
        assertEquals(a, decode(a.toBytes(), a.toBytes().length - 2));
    }

    @Test
    public void headerNamesAnyCaseUpperCaseHexUnknownHeadersAndNoCookie() throws Exception {
        byte[] data = ascii("BT-SEARCH * HTTP/1.1\r\nHOST: 239.192.152.143:6771\r\nport:6881\r\nX-Other: y\r\n"
                + "infohash: " + H1.toUpperCase() + "\r\n\r\n");
        assertEquals(new LsdAnnounce("239.192.152.143:6771", 6881, List.of(InfoHash.fromHex(H1)), ""),
                decode(data, data.length));
    }

    @Test
    public void aFullBatchFitsTheDatagramLimit() throws Exception {
        List<InfoHash> hashes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            byte[] b = new byte[20];
            b[0] = (byte) i;
            hashes.add(InfoHash.of(b));
        }
        List<LsdAnnounce> batches = LsdAnnounce.batches("[ff15::efc0:988f]:6771", 65535, hashes,
                "0123456789abcdef");
        assertEquals(List.of(25, 25, 10), batches.stream().map(b -> b.infoHashes().size()).toList());
        for (LsdAnnounce b : batches) {
            byte[] bytes = b.toBytes();
            assertEquals(true, bytes.length <= LsdCodec.MAX_LENGTH);
            assertEquals(b, decode(bytes, bytes.length - 2));
        }
    }

    // truncated

    @Test
    public void truncatedAnnounceNeedsMore() throws Exception {
        byte[] data = ascii(LIBTORRENT_STYLE);
        for (int n = 0; n < data.length - 2; n++) {
            assertEquals("prefix of " + n, 0, LsdCodec.decode(ByteBuffer.wrap(data, 0, n).slice(), new LsdAnnounce[1]));
        }
    }

    // invalid

    @Test
    public void wrongRequestLineIsRefusedAtItsFirstWrongByte() {
        assertEquals("request line byte 77 at 0 (expected: \"BT-SEARCH * HTTP/1.1\")",
                failure(ascii("M-SEARCH * HTTP/1.1\r\n")));
        assertEquals("request line byte 48 at 19 (expected: \"BT-SEARCH * HTTP/1.1\")",
                failure(ascii("BT-SEARCH * HTTP/1.0\r\n")));
    }

    @Test
    public void missingOrBadHeaders() {
        String start = "BT-SEARCH * HTTP/1.1\r\n";
        assertEquals("announce without Host (expected: Host, Port and at least one Infohash)",
                failure(ascii(start + "\r\n")));
        assertEquals("announce without Infohash (expected: Host, Port and at least one Infohash)",
                failure(ascii(start + "Host: h\r\nPort: 1\r\n\r\n")));
        assertEquals("Port \"0\" (expected: 1 to 65535)",
                failure(ascii(start + "Host: h\r\nPort: 0\r\nInfohash: " + H1 + "\r\n\r\n")));
        assertEquals("Port \"65536\" (expected: 1 to 65535)",
                failure(ascii(start + "Host: h\r\nPort: 65536\r\nInfohash: " + H1 + "\r\n\r\n")));
        assertEquals("Infohash \"0123\" (expected: 40 hex digits)",
                failure(ascii(start + "Host: h\r\nPort: 1\r\nInfohash: 0123\r\n\r\n")));
        assertEquals("second Port header (expected: one)",
                failure(ascii(start + "Host: h\r\nPort: 1\r\nPort: 2\r\nInfohash: " + H1 + "\r\n\r\n")));
        assertEquals("header line \"no colon\" (expected: Name: value)",
                failure(ascii(start + "no colon\r\n\r\n")));
        assertEquals("byte 10 in a header line (expected: printable ASCII)",
                failure(ascii(start + "Host: a\nb\r\n\r\n")));
        assertEquals("byte 233 in a header line (expected: printable ASCII)",
                failure((start + "Host: \u00e9\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
    }

    // oversized

    @Test
    public void announceWithoutEndWithinTheLimitIsRefused() {
        StringBuilder s = new StringBuilder("BT-SEARCH * HTTP/1.1\r\nHost: h\r\nPort: 1\r\n");
        while (s.length() <= LsdCodec.MAX_LENGTH) {
            s.append("Infohash: ").append(H1).append("\r\n");
        }
        assertEquals("announce without its end within 1400 bytes (expected: <= 1400)",
                failure(ascii(s.toString())));
    }

    @Test
    public void moreThanABatchOfInfohashesIsRefused() {
        StringBuilder s = new StringBuilder("BT-SEARCH * HTTP/1.1\r\nHost: h\r\nPort: 1\r\n");
        for (int i = 0; i < 26; i++) {
            s.append("Infohash:").append(H1).append("\r\n");
        }
        assertEquals("more than 25 Infohash headers (expected: <= 25)", failure(ascii(s + "\r\n")));
    }

    @Test
    public void overlongValuesAreRefused() {
        String host = "h".repeat(65);
        assertEquals("host \"" + host + "\" (expected: 1 to 64 printable ASCII characters, no spaces)",
                failure(ascii("BT-SEARCH * HTTP/1.1\r\nHost: " + host + "\r\nPort: 1\r\nInfohash: " + H1
                        + "\r\n\r\n")));
    }

    // any input: an announce or an LsdException, never another exception

    @Test
    public void mutatedAnnouncesGiveAnAnnounceOrTheOneException() {
        byte[] valid = ascii(LIBTORRENT_STYLE);
        java.util.Random random = new java.util.Random(14);
        for (int round = 0; round < 20_000; round++) {
            byte[] data = java.util.Arrays.copyOf(valid, valid.length + random.nextInt(8) - 4);
            for (int m = 0; m < 1 + random.nextInt(4); m++) {
                data[random.nextInt(data.length)] = (byte) random.nextInt(256);
            }
            try {
                LsdCodec.decode(ByteBuffer.wrap(data), new LsdAnnounce[1]);
            } catch (LsdException e) {
                // expected for most
            }
        }
    }
}
