package org.debswarm.torrent.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debswarm.rfc822.ControlParseException;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.TorrentFactory;
import org.junit.BeforeClass;
import org.junit.Test;
import org.tukaani.xz.XZInputStream;

/** Packages files read through the rfc822 bundle's parser, real bookworm data included. */
public class DefaultTorrentFactoryTest {

    private static final String INDEX = "debian/dists/bookworm/main/binary-amd64/Packages.xz";
    private static byte[] amd64;

    private final TorrentFactory factory = new DefaultTorrentFactory(new DefaultControlParser());

    @BeforeClass
    public static void readFixture() throws IOException {
        amd64 = TestPackages.plain(TestPackages.AMD64);
    }

    @Test
    public void realAmd64PackagesFromPlainInput() throws IOException {
        PackagesTorrents t = factory.fromPackages("deb.debian.org", INDEX, new ByteArrayInputStream(amd64));
        assertEquals(BookwormPackagesTest.AMD64_ARCH, t.architecture().infoHash().toHex());
        assertEquals(BookwormPackagesTest.AMD64_ALL, t.all().infoHash().toHex());
        assertEquals("deb.debian.org bookworm main binary-amd64", t.architecture().name());
        assertEquals("deb.debian.org bookworm main binary-all", t.all().name());
        assertEquals(63_440, t.architecture().pieceCount() + t.all().pieceCount());
        assertEquals(0, t.skippedEntries());
    }

    @Test
    public void realAmd64PackagesFromXzInputGiveTheSameTorrents() throws IOException {
        try (InputStream xz = new XZInputStream(Files.newInputStream(TestPackages.AMD64))) {
            PackagesTorrents t = factory.fromPackages("deb.debian.org", INDEX, xz);
            assertEquals(BookwormPackagesTest.AMD64_ARCH, t.architecture().infoHash().toHex());
            assertEquals(BookwormPackagesTest.AMD64_ALL, t.all().infoHash().toHex());
        }
    }

    @Test
    public void realBinaryAllPackages() throws IOException {
        byte[] all = TestPackages.plain(TestPackages.ALL);
        PackagesTorrents t = factory.fromPackages("deb.debian.org",
                "debian/dists/bookworm/main/binary-all/Packages.xz", new ByteArrayInputStream(all));
        assertEquals(BookwormPackagesTest.BINARY_ALL_ALL, t.all().infoHash().toHex());
        assertEquals(0, t.architecture().pieceCount());
    }

    @Test
    public void fieldOrderAndLineEndingsDoNotMatter() throws IOException {
        List<Map<String, String>> paragraphs = new ArrayList<>();
        for (Map<String, String> p : TestPackages.paragraphs(amd64)) {
            List<String> keys = new ArrayList<>(p.keySet());
            Collections.reverse(keys);
            Map<String, String> reordered = new LinkedHashMap<>();
            keys.forEach(k -> reordered.put(k, p.get(k)));
            paragraphs.add(reordered);
        }
        String crlf = new String(TestPackages.write(paragraphs), StandardCharsets.UTF_8).replace("\n", "\r\n");
        PackagesTorrents t = factory.fromPackages("deb.debian.org", INDEX,
                new ByteArrayInputStream(crlf.getBytes(StandardCharsets.UTF_8)));
        assertEquals(BookwormPackagesTest.AMD64_ARCH, t.architecture().infoHash().toHex());
        assertEquals(BookwormPackagesTest.AMD64_ALL, t.all().infoHash().toHex());
    }

    @Test
    public void callerKeepsItsStream() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        PackagesTorrents t = factory.fromPackages("deb.debian.org", INDEX, in);
        assertFalse(closed[0]);
        assertEquals(0, t.all().pieceCount());
    }

    @Test
    public void entryWithoutSha256FailsTheWholeFile() {
        String packages = "Package: a\nVersion: 1\nArchitecture: all\nFilename: pool/a_1_all.deb\nSize: 3\n\n";
        try {
            factory.fromPackages("deb.debian.org", INDEX, new ByteArrayInputStream(
                    packages.getBytes(StandardCharsets.UTF_8)));
            fail();
        } catch (ControlParseException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("SHA256"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void builderFromTheFactory() {
        assertEquals("m bookworm main binary-arm64",
                factory.packagesBuilder("m", "dists/bookworm/main/binary-arm64/Packages").build()
                        .architecture().name());
    }
}
