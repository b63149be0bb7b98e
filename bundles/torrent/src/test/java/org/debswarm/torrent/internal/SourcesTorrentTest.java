package org.debswarm.torrent.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.torrent.PackagesTorrents;
import org.junit.Test;

/** The source torrent of a Sources file (docs/torrent-format.md, "Sources"). */
public class SourcesTorrentTest {

    private static final String HOST = "deb.debian.org";
    private static final String INDEX = "debian/dists/bookworm/main/source/Sources.xz";
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    /** Two versions of hello sharing one orig tarball (same path, same content: one file). */
    private static final String SOURCES = "Package: hello\nVersion: 2.10-3\nDirectory: pool/main/h/hello\n"
            + "Checksums-Sha256:\n " + A + " 1847 hello_2.10-3.dsc\n " + B + " 725946 hello_2.10.orig.tar.gz\n "
            + "c".repeat(64) + " 12688 hello_2.10-3.debian.tar.xz\n\n"
            + "Package: hello\nVersion: 2.10-2\nDirectory: pool/main/h/hello\n"
            + "Checksums-Sha256:\n " + "d".repeat(64) + " 1800 hello_2.10-2.dsc\n " + B
            + " 725946 hello_2.10.orig.tar.gz\n " + "e".repeat(64) + " 12000 hello_2.10-2.debian.tar.xz\n";

    private final DefaultTorrentFactory factory = new DefaultTorrentFactory(new DefaultControlParser());

    @Test
    public void everyFileOfEveryChecksumsListIsOnePiece() throws IOException {
        PackagesTorrents torrents = factory.fromSources(HOST, INDEX, stream(SOURCES));
        assertEquals(5, torrents.architecture().pieceCount());
        assertEquals(0, torrents.all().pieceCount());
        assertEquals(0, torrents.conflictingPaths());
        assertEquals("pool/main/h/hello/hello_2.10-2.debian.tar.xz", torrents.architecture().path(0));
        assertEquals(725946, torrents.architecture().length(torrents.architecture().indexOf(
                "pool/main/h/hello/hello_2.10.orig.tar.gz")));
        // the reference derivation of docs/torrent-format.md section 2 (Python) gives this infohash
        assertEquals("6f6ce0fd99fdcf2c29d181b0a9acdf84fb3324e5", torrents.architecture().infoHash().toHex());
        assertEquals("deb.debian.org bookworm main source", torrents.architecture().name());
    }

    @Test
    public void theInfohashDoesNotDependOnParagraphOrder() throws IOException {
        int second = SOURCES.indexOf("Package: hello\nVersion: 2.10-2");
        String reordered = SOURCES.substring(second) + "\n" + SOURCES.substring(0, second);
        assertEquals(factory.fromSources(HOST, INDEX, stream(SOURCES)).architecture().infoHash(),
                factory.fromSources(HOST, INDEX, stream(reordered)).architecture().infoHash());
    }

    @Test
    public void aFlatRepositorysDotDirectoryGivesPlainNames() throws IOException {
        String flat = "Package: tool\nVersion: 1\nDirectory: .\nChecksums-Sha256:\n " + A + " 10 tool_1.dsc\n";
        PackagesTorrents torrents = factory.fromSources("repo.example", "repo/Sources", stream(flat));
        assertEquals("tool_1.dsc", torrents.architecture().path(0));
        assertEquals(0, torrents.skippedEntries());
    }

    @Test
    public void aConflictingPathIsLeftOut() throws IOException {
        String conflict = SOURCES.replace(B + " 725946 hello_2.10.orig.tar.gz\n " + "e",
                "f".repeat(64) + " 725946 hello_2.10.orig.tar.gz\n " + "e");
        PackagesTorrents torrents = factory.fromSources(HOST, INDEX, stream(conflict));
        assertEquals(1, torrents.conflictingPaths());
        assertEquals(4, torrents.architecture().pieceCount());
    }

    @Test
    public void aParagraphWithoutChecksumsRejectsTheWholeFile() {
        assertThrows(IOException.class, () -> factory.fromSources(HOST, INDEX,
                stream("Package: x\nVersion: 1\nDirectory: pool/x\nFiles:\n " + "0".repeat(32) + " 1 x.dsc\n")));
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
