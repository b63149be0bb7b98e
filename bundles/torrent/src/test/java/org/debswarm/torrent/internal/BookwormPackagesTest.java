package org.debswarm.torrent.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.SourceIndex;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The derivation on the real bookworm main Packages files (../shared/data), read with the test's own small
 * parser so that the core is checked independently of the rfc822 bundle.
 */
public class BookwormPackagesTest {

    /** Also computed by an independent Python implementation of docs/torrent-format.md. */
    static final String AMD64_ARCH = "d0a345ebe68523094e1d853c84e6adb4918cf3fd";
    static final String AMD64_ALL = "2c53ed7dd7e1d5e01109a9a4b8fadc525f241b26";
    static final String BINARY_ALL_ALL = "f46df8257214a2c907571299718ead58f838802a";

    private static final SourceIndex AMD64 = new SourceIndex("deb.debian.org",
            "debian/dists/bookworm/main/binary-amd64/Packages.xz");
    private static final SourceIndex ALL = new SourceIndex("deb.debian.org",
            "debian/dists/bookworm/main/binary-all/Packages.xz");

    private static List<Map<String, String>> amd64;
    private static List<Map<String, String>> binaryAll;

    @BeforeClass
    public static void readFixtures() throws IOException {
        amd64 = TestPackages.paragraphs(TestPackages.plain(TestPackages.AMD64));
        binaryAll = TestPackages.paragraphs(TestPackages.plain(TestPackages.ALL));
    }

    private static PackagesTorrents build(SourceIndex source, List<Map<String, String>> paragraphs) {
        DefaultPackagesTorrentBuilder builder = new DefaultPackagesTorrentBuilder(source);
        TestPackages.addAll(builder, paragraphs);
        return builder.build();
    }

    @Test
    public void amd64InfoHashesAreStable() {
        PackagesTorrents t = build(AMD64, amd64);
        assertEquals(63_440, amd64.size());
        assertEquals(32_325, t.architecture().pieceCount());
        assertEquals(31_115, t.all().pieceCount());
        assertEquals(0, t.skippedEntries());
        assertEquals(0, t.conflictingPaths());
        assertEquals(AMD64_ARCH, t.architecture().infoHash().toHex());
        assertEquals(AMD64_ALL, t.all().infoHash().toHex());
    }

    @Test
    public void fieldAndParagraphOrderDoNotMatter() throws IOException {
        List<Map<String, String>> shuffled = new ArrayList<>();
        for (Map<String, String> p : amd64) {
            List<String> keys = new ArrayList<>(p.keySet());
            Collections.reverse(keys);
            Map<String, String> reversed = new LinkedHashMap<>();
            keys.forEach(k -> reversed.put(k, p.get(k)));
            shuffled.add(reversed);
        }
        Collections.reverse(shuffled);
        List<Map<String, String>> reread = TestPackages.paragraphs(TestPackages.write(shuffled));
        PackagesTorrents t = build(AMD64, reread);
        assertEquals(AMD64_ARCH, t.architecture().infoHash().toHex());
        assertEquals(AMD64_ALL, t.all().infoHash().toHex());
    }

    /**
     * Found in the shared data: every {@code all} entry of binary-amd64 is in binary-all with the same path, size
     * and SHA-256, but binary-all has 324 more (older versions of packages that binary-amd64 lists in a newer
     * version: mono, firefox-esr, thunderbird, rustc-web, astropy, webkit2gtk). So the whole torrents differ and
     * the torrents of the common entries are equal.
     */
    @Test
    public void allTorrentOfAmd64EqualsBinaryAllOnTheirCommonEntries() {
        Set<String> amd64All = triples(amd64);
        Set<String> binary = triples(binaryAll);
        assertTrue(binary.containsAll(amd64All));
        assertEquals(31_439 - 31_115, binary.size() - amd64All.size());
        assertEquals(BINARY_ALL_ALL, build(ALL, binaryAll).all().infoHash().toHex());
        assertEquals(0, build(ALL, binaryAll).architecture().pieceCount());

        List<Map<String, String>> common = new ArrayList<>();
        for (Map<String, String> p : binaryAll) {
            if (amd64All.contains(triple(p))) {
                common.add(p);
            }
        }
        assertEquals(AMD64_ALL, build(ALL, common).all().infoHash().toHex());
    }

    private static Set<String> triples(List<Map<String, String>> paragraphs) {
        Set<String> triples = new HashSet<>();
        for (Map<String, String> p : paragraphs) {
            if ("all".equals(p.get("Architecture"))) {
                triples.add(triple(p));
            }
        }
        return triples;
    }

    private static String triple(Map<String, String> p) {
        return p.get("Filename") + " " + p.get("Size") + " " + p.get("SHA256");
    }
}
