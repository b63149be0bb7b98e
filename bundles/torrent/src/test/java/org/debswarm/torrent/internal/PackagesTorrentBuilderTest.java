package org.debswarm.torrent.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.SourceIndex;
import org.debswarm.torrent.bencode.Bencode;
import org.debswarm.torrent.bencode.ByteString;
import org.junit.Test;

/** The core derivation, from entries to torrents and infohashes. */
public class PackagesTorrentBuilderTest {

    static final SourceIndex SOURCE = new SourceIndex("deb.debian.org",
            "debian/dists/bookworm/main/binary-amd64/Packages.xz");

    private static final String HASH_A = "3a2118df47bf3f04285649f0455c2fc6fe2dc7f0b237073038aa00af41f0d5f2";
    private static final String HASH_B = "53745ae74d05bccf6783400fa98f3932b21729ab9d2e86151aa2c331c3455178";
    private static final String HASH_C = "cf316ea23af76e32e2845b78d044248d635228d169723f1c7dd64ede9f70dee9";

    /** The worked example of docs/torrent-format.md. */
    static final String[][] EXAMPLE = {
        {"pool/main/h/hello/hello_2.10-3_amd64.deb", "53084", HASH_A, "amd64"},
        {"pool/main/b/base-files/base-files_12.4+deb12u5_amd64.deb", "70872", HASH_B, "amd64"},
        {"pool/main/a/adduser/adduser_3.134_all.deb", "1176", HASH_C, "all"},
    };

    private static PackagesTorrents build(String[][] entries) {
        DefaultPackagesTorrentBuilder builder = new DefaultPackagesTorrentBuilder(SOURCE);
        for (String[] e : entries) {
            builder.add(e[0], Long.parseLong(e[1]), e[2], e[3].equals("all"));
        }
        return builder.build();
    }

    @Test
    public void workedExampleFileListIsTheCanonicalBencoding() throws IOException {
        PackagesTorrent arch = build(EXAMPLE).architecture();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        arch.writeFileList(out);
        String expected = "ld6:lengthi70872e4:path56:pool/main/b/base-files/base-files_12.4+deb12u5_amd64.deb"
                + "6:sha25632:" + latin1(HASH_B) + "e"
                + "d6:lengthi53084e4:path40:pool/main/h/hello/hello_2.10-3_amd64.deb"
                + "6:sha25632:" + latin1(HASH_A) + "ee";
        assertEquals(expected, new String(out.toByteArray(), StandardCharsets.ISO_8859_1));
    }

    @Test
    public void workedExampleInfoHashes() throws Exception {
        PackagesTorrents torrents = build(EXAMPLE);
        assertEquals("0f5add5bac46c3eb8888f6a5e116c947468d06ea", torrents.architecture().infoHash().toHex());
        assertEquals(independentInfoHash(EXAMPLE, false), torrents.architecture().infoHash().toHex());
        assertEquals("01d57193b9898c9ff401a835fc3411a053a3c5a9", torrents.all().infoHash().toHex());
        assertEquals(independentInfoHash(EXAMPLE, true), torrents.all().infoHash().toHex());
    }

    /** The same derivation through the generic encoder, as another implementation would write it. */
    private static String independentInfoHash(String[][] entries, boolean all) throws Exception {
        List<String[]> chosen = new ArrayList<>();
        for (String[] e : entries) {
            if (e[3].equals("all") == all) {
                chosen.add(e);
            }
        }
        chosen.sort((a, b) -> ByteString.utf8(a[0]).compareTo(ByteString.utf8(b[0])));
        List<Object> files = new ArrayList<>();
        for (String[] e : chosen) {
            files.add(Map.of("path", e[0], "length", Long.parseLong(e[1]),
                    "sha256", HexFormat.of().parseHex(e[2])));
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Bencode.encode(files)));
    }

    @Test
    public void entryOrderDoesNotMatter() {
        String expected = build(EXAMPLE).architecture().infoHash().toHex();
        List<String[]> entries = new ArrayList<>(List.of(EXAMPLE));
        for (int seed = 0; seed < 10; seed++) {
            Collections.shuffle(entries, new Random(seed));
            assertEquals(expected, build(entries.toArray(new String[0][])).architecture().infoHash().toHex());
        }
    }

    @Test
    public void hexCaseDoesNotMatter() {
        String[][] upper = {{EXAMPLE[0][0], EXAMPLE[0][1], HASH_A.toUpperCase(), "amd64"}};
        String[][] lower = {EXAMPLE[0]};
        assertEquals(build(lower).architecture().infoHash(), build(upper).architecture().infoHash());
    }

    @Test
    public void piecesAreSortedByRawUtf8Bytes() {
        PackagesTorrent t = build(new String[][] {
            {"pool/z", "1", HASH_A, "amd64"}, {"pool/\u00e9", "2", HASH_B, "amd64"}, {"pool/Z", "3", HASH_C, "amd64"},
        }).architecture();
        // 'Z' 0x5a < 'z' 0x7a < 'é' 0xc3 0xa9 (a UTF-16 or locale order would differ)
        assertEquals(List.of("pool/Z", "pool/z", "pool/\u00e9"), List.of(t.path(0), t.path(1), t.path(2)));
        assertEquals(2, t.indexOf("pool/\u00e9"));
        assertEquals(2L, t.length(2));
    }

    @Test
    public void identicalDuplicatesAreOneFile() {
        PackagesTorrents t = build(new String[][] {EXAMPLE[0], EXAMPLE[1], EXAMPLE[0]});
        assertEquals(build(new String[][] {EXAMPLE[0], EXAMPLE[1]}).architecture().infoHash(),
                t.architecture().infoHash());
        assertEquals(0, t.conflictingPaths());
    }

    @Test
    public void conflictingDuplicatesAreLeftOut() {
        String[] other = {EXAMPLE[0][0], "1", HASH_C, "amd64"};
        PackagesTorrents t = build(new String[][] {EXAMPLE[0], EXAMPLE[1], other, EXAMPLE[0]});
        assertEquals(1, t.conflictingPaths());
        assertEquals(build(new String[][] {EXAMPLE[1]}).architecture().infoHash(), t.architecture().infoHash());
        assertEquals(-1, t.architecture().indexOf(EXAMPLE[0][0]));
    }

    @Test
    public void unusableEntriesAreSkippedAndCounted() {
        DefaultPackagesTorrentBuilder builder = new DefaultPackagesTorrentBuilder(SOURCE);
        String[] badPaths = {null, "", "/pool/a.deb", "pool/../a.deb", "pool//a.deb", "pool/./a.deb", "./a.deb",
            "pool/a.deb/", "pool\\a.deb", "pool/a\u0000.deb", "pool/a\n.deb", "..", "."};
        for (String path : badPaths) {
            assertFalse(path, builder.add(path, 1, HASH_A, false));
        }
        String[] badHashes = {null, "", HASH_A.substring(1), HASH_A + "0", "g" + HASH_A.substring(1),
            "\u0663" + HASH_A.substring(1)};
        for (String hash : badHashes) {
            assertFalse(hash, builder.add("pool/a.deb", 1, hash, false));
        }
        assertFalse(builder.add("pool/a.deb", -1, HASH_A, false));
        assertTrue(builder.add("pool/..a/b.deb", 0, HASH_A, false));
        assertTrue(builder.add("pool/a..", 0, HASH_A, false));
        PackagesTorrents t = builder.build();
        assertEquals(badPaths.length + badHashes.length + 1, t.skippedEntries());
        assertEquals(2, t.architecture().pieceCount());
    }

    @Test
    public void architectureAndAllAreSplit() {
        PackagesTorrents t = build(EXAMPLE);
        assertEquals(SOURCE, t.source());
        assertEquals("deb.debian.org bookworm main binary-amd64", t.architecture().name());
        assertEquals("deb.debian.org bookworm main binary-all", t.all().name());
        assertFalse(t.architecture().architectureAll());
        assertTrue(t.all().architectureAll());
        assertEquals(2, t.architecture().pieceCount());
        assertEquals(1, t.all().pieceCount());
        assertEquals(53084 + 70872, t.architecture().totalLength());
        assertEquals(EXAMPLE[2][0], t.all().path(0));
        assertArrayEquals(HexFormat.of().parseHex(HASH_C), t.all().sha256(0).toByteArray());
    }

    @Test
    public void nothingIsWantedOrHadAtFirst() {
        PackagesTorrent t = build(EXAMPLE).architecture();
        assertEquals(0, t.wanted().cardinality());
        assertEquals(2, t.wanted().size());
        assertEquals(0, t.had().cardinality());
    }

    @Test
    public void contentAlreadyHeldIsMarkedHad() {
        PackagesTorrent t = build(EXAMPLE).architecture();
        ByteString a = ByteString.of(HexFormat.of().parseHex(HASH_A));
        assertEquals(1, t.markHad(a::equals));
        assertTrue(t.had().get(t.indexOf(EXAMPLE[0][0])));
        assertEquals(0, t.markHad(a::equals));
        assertEquals(1, t.had().cardinality());
    }

    @Test
    public void emptyTorrentHasTheHashOfAnEmptyList() throws Exception {
        PackagesTorrent t = build(new String[0][]).all();
        assertEquals(0, t.pieceCount());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest("le".getBytes(
                StandardCharsets.US_ASCII))), t.infoHash().toHex());
    }

    @Test
    public void indexesAreChecked() {
        PackagesTorrent t = build(EXAMPLE).all();
        assertEquals(-1, t.indexOf("pool/none.deb"));
        try {
            t.path(1);
            fail();
        } catch (IndexOutOfBoundsException e) {
            assertEquals("piece 1 (expected: 0 to 0)", e.getMessage());
        }
    }

    @Test
    public void buildsOnce() {
        DefaultPackagesTorrentBuilder builder = new DefaultPackagesTorrentBuilder(SOURCE);
        builder.build();
        try {
            builder.build();
            fail();
        } catch (IllegalStateException expected) {
            // ok
        }
    }

    private static String latin1(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.ISO_8859_1);
    }
}
