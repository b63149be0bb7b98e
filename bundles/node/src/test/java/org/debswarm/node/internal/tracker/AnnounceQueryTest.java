package org.debswarm.node.internal.tracker;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.bencode.ByteString;
import org.junit.Test;

/** The announce URL, byte-exact: raw 20-byte values, the name, appending to a URL that has a query. */
public class AnnounceQueryTest {

    static final byte[] HASH = new byte[20];

    static {
        for (int i = 0; i < 20; i++) {
            HASH[i] = (byte) (i * 13 + 0x7a); // crosses 0x7f, 0x80..0xff, '%', unreserved letters
        }
    }

    static AnnounceRequest request(AnnounceEvent event, String name) {
        return request(event, name, 3);
    }

    static AnnounceRequest request(AnnounceEvent event, String name, long left) {
        return new AnnounceRequest(InfoHash.of(HASH), PeerId.generate(new Random(1)), 6881, 1, 2, left, event, 50,
                name);
    }

    @Test
    public void everyByteValueIsEncodedExactly() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String encoded = PercentEncoding.encode(all);
        assertArrayEquals(all, new Query("x=" + encoded).bytes("x"));
        assertTrue(encoded.startsWith("%00%01%02"));
        assertEquals("-._~09AZaz%20%25%26%2B%3D%FF", PercentEncoding.encode(
                new byte[] {'-', '.', '_', '~', '0', '9', 'A', 'Z', 'a', 'z', ' ', '%', '&', '+', '=', (byte) 0xff}));
    }

    @Test
    public void queryCarriesTheRawInfoHashAndPeerId() {
        AnnounceRequest r = request(AnnounceEvent.STARTED, "deb.debian.org bookworm main binary-amd64");
        Query q = new Query(AnnounceQuery.query(r, Optional.empty()));
        assertArrayEquals(HASH, q.bytes("info_hash"));
        assertArrayEquals(r.peerId().toByteArray(), q.bytes("peer_id"));
        assertEquals("6881", q.param("port"));
        assertEquals("1", q.param("uploaded"));
        assertEquals("2", q.param("downloaded"));
        assertEquals("3", q.param("left"));
        assertEquals("1", q.param("compact"));
        assertEquals("50", q.param("numwant"));
        assertEquals("started", q.param("event"));
        assertEquals("deb.debian.org%20bookworm%20main%20binary-amd64", q.param("name"));
        assertNull(q.param("trackerid"));
    }

    @Test
    public void regularAnnounceHasNoEventAndEmptyNameIsLeftOut() {
        Query q = new Query(AnnounceQuery.query(request(AnnounceEvent.NONE, ""), Optional.of(ByteString.utf8("t 1"))));
        assertNull(q.param("event"));
        assertNull(q.param("name"));
        assertEquals("t%201", q.param("trackerid"));
    }

    @Test
    public void appendsToAnExistingQueryAndDropsAFragment() {
        AnnounceRequest r = request(AnnounceEvent.NONE, "");
        assertTrue(AnnounceQuery.uri(URI.create("http://t.example/announce?passkey=abc#x"), r, Optional.empty())
                .toString().startsWith("http://t.example/announce?passkey=abc&info_hash="));
        assertTrue(AnnounceQuery.uri(URI.create("http://t.example:6969/announce"), r, Optional.empty())
                .toString().startsWith("http://t.example:6969/announce?info_hash="));
    }

    @Test
    public void longNamesAreCutOnACharacterBoundaryAndControlsBecomeSpaces() {
        byte[] cut = AnnounceQuery.cut("é".repeat(200));
        assertEquals(256, cut.length);
        assertEquals("é".repeat(128), new String(cut, StandardCharsets.UTF_8));
        byte[] odd = AnnounceQuery.cut("a" + "é".repeat(200));
        assertEquals(255, odd.length);
        assertEquals("a b", new String(AnnounceQuery.cut("a\nb"), StandardCharsets.UTF_8));
    }

    @Test
    public void peerIdIsDebswarmsPrefixAndTwelvePrintableCharacters() {
        ByteString id = PeerId.generate(new Random(7));
        assertEquals(20, id.length());
        String text = id.utf8();
        assertTrue(text, text.matches("-DS0100-[0-9A-Za-z]{12}"));
    }

    @Test
    public void invalidRequestsAreRefused() {
        ByteString id = PeerId.generate(new Random(1));
        assertEquals("port 0 (expected: 1..65535)", assertThrows(IllegalArgumentException.class,
                () -> new AnnounceRequest(InfoHash.of(HASH), id, 0, 0, 0, 0, AnnounceEvent.NONE, 1, ""))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AnnounceRequest(InfoHash.of(HASH),
                ByteString.utf8("short"), 1, 0, 0, 0, AnnounceEvent.NONE, 1, ""));
        assertThrows(IllegalArgumentException.class, () -> new AnnounceRequest(InfoHash.of(HASH), id, 1, 0, 0, -1,
                AnnounceEvent.NONE, 1, ""));
    }
}
