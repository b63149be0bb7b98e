package org.debswarm.torrent.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.SourceIndex;
import org.junit.Test;

/** The small value types of the API, and torrent names. */
public class SmallTypesTest {

    @Test
    public void infoHash() {
        InfoHash h = InfoHash.fromHex("d0a345ebe68523094e1d853c84e6adb4918cf3fd");
        assertEquals("d0a345ebe68523094e1d853c84e6adb4918cf3fd", h.toHex());
        assertEquals(h, InfoHash.of(h.toByteArray()));
        assertEquals(h.hashCode(), InfoHash.of(h.toByteArray()).hashCode());
        assertNotEquals(h, InfoHash.of(new byte[20]));
        assertEquals("infohash of 19 bytes (expected: 20)", illegal(() -> InfoHash.of(new byte[19])));
        assertEquals("infohash of 3 hex digits (expected: 40)", illegal(() -> InfoHash.fromHex("abc")));
    }

    @Test
    public void pieceBits() {
        PieceBits bits = new PieceBits(130);
        assertTrue(bits.set(0));
        assertFalse(bits.set(0));
        assertTrue(bits.set(64));
        assertTrue(bits.set(129));
        assertEquals(3, bits.cardinality());
        assertEquals(64, bits.nextSetBit(1));
        assertEquals(129, bits.nextSetBit(65));
        assertEquals(-1, bits.nextSetBit(130));
        assertTrue(bits.clear(64));
        assertFalse(bits.clear(64));
        assertFalse(bits.get(64));
        byte[] field = bits.toBitfield();
        assertEquals(17, field.length);
        assertEquals((byte) 0x80, field[0]);
        assertEquals((byte) 0x40, field[16]); // piece 129: second bit of byte 16
        try {
            bits.set(130);
            fail();
        } catch (IndexOutOfBoundsException e) {
            assertEquals("piece 130 (expected: 0 to 129)", e.getMessage());
        }
    }

    @Test
    public void pieceBitsUnderConcurrentUse() throws InterruptedException {
        PieceBits bits = new PieceBits(10_000);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int offset = t;
            threads.add(new Thread(() -> {
                for (int i = offset; i < 10_000; i += 4) {
                    bits.set(i);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals(10_000, bits.cardinality());
        assertArrayEquals(new byte[0], new PieceBits(0).toBitfield());
    }

    @Test
    public void sourceIndexIsTheSameForEveryCompression() {
        SourceIndex plain = new SourceIndex("Deb.Debian.Org", "/debian/dists/bookworm/main/binary-amd64/Packages");
        for (String ext : new String[] {".xz", ".gz", ".bz2", ".lzma", ".zst"}) {
            assertEquals(plain, new SourceIndex("deb.debian.org",
                    "debian/dists/bookworm/main/binary-amd64/Packages" + ext));
        }
        assertEquals("deb.debian.org/debian/dists/bookworm/main/binary-amd64/Packages", plain.toString());
        assertEquals("mirrorHost is empty (expected: text)", illegal(() -> new SourceIndex(" ", "Packages")));
    }

    @Test
    public void torrentNames() {
        SourceIndex amd64 = new SourceIndex("deb.debian.org", "debian/dists/bookworm/main/binary-amd64/Packages");
        assertEquals("deb.debian.org bookworm main binary-amd64", TorrentNames.architecture(amd64));
        assertEquals("deb.debian.org bookworm main binary-all", TorrentNames.all(amd64));
        SourceIndex installer = new SourceIndex("m", "dists/bookworm/main/debian-installer/binary-arm64/Packages");
        assertEquals("m bookworm main debian-installer binary-arm64", TorrentNames.architecture(installer));
        assertEquals("m bookworm main debian-installer binary-all", TorrentNames.all(installer));
        SourceIndex odd = new SourceIndex("m", "some/Packages");
        assertEquals("m some/Packages", TorrentNames.architecture(odd));
        assertEquals("m some/Packages (all)", TorrentNames.all(odd));
    }

    private static String illegal(Runnable action) {
        try {
            action.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected IllegalArgumentException");
    }
}
