package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.debswarm.aptlistener.IndexParseCounts;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.storage.FileKey;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The catalog: Packages files in every compression parsed into look-ups, announced once per content. */
public class CatalogTest {

    static final String HOST = "deb.debian.org";
    static final String INDEX = "debian/dists/bookworm/main/binary-amd64/Packages";
    static final String SHA_A = "a".repeat(64);
    static final String SHA_B = "b".repeat(64);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Catalog catalog = new Catalog(DefaultControlParser::new, thread);
    private final List<PackagesIndex> heard = new CopyOnWriteArrayList<>();

    @After
    public void stop() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }

    static String packages(String... entries) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < entries.length; i += 3) {
            text.append("Package: p").append(i).append("\nVersion: 1.0\nArchitecture: ").append(entries[i + 2])
                    .append("\nFilename: ").append(entries[i]).append("\nSize: ").append(i + 10)
                    .append("\nSHA256: ").append(entries[i + 1]).append("\nDescription: test\n\n");
        }
        return text.toString();
    }

    @Test
    public void looksUpEveryFileOfAnXzIndexByItsPathOnTheHost() throws Exception {
        Path file = write("Packages.xz", packages("pool/main/h/hello/hello_1_amd64.deb", SHA_A, "amd64",
                "pool/main/b/base/base_1_all.deb", SHA_B, "all"));
        catalog.addListener(heard::add);
        catalog.ensureParsed(HOST, INDEX + ".xz", file, sha256(file)).get(10, TimeUnit.SECONDS);

        FileKey hello = catalog.entryFor(HOST, "debian/pool/main/h/hello/hello_1_amd64.deb").orElseThrow();
        assertEquals(new FileKey(HOST, "debian/pool/main/h/hello/hello_1_amd64.deb", 10, SHA_A), hello);
        assertEquals(13, catalog.entryFor(HOST, "debian/pool/main/b/base/base_1_all.deb").orElseThrow().size());
        assertFalse(catalog.entryFor(HOST, "pool/main/h/hello/hello_1_amd64.deb").isPresent());
        assertFalse(catalog.entryFor("other.example", "debian/pool/main/h/hello/hello_1_amd64.deb").isPresent());

        awaitHeard(1);
        PackagesIndex index = heard.get(0);
        assertEquals(INDEX + ".xz", index.path());
        assertEquals(INDEX, index.source());
        assertEquals(sha256(file), index.sha256());
        assertEquals(2, index.entries().size());
        assertFalse(index.entries().get(0).architectureAll());
        assertTrue(index.entries().get(1).architectureAll());
        assertEquals(List.of(index), catalog.indexes());
    }

    @Test
    public void readsGzipBzip2LzmaAndPlainIndicesAndFlatRepositories() throws Exception {
        for (String name : new String[] {"Packages.gz", "Packages.bz2", "Packages.lzma", "Packages"}) {
            Path file = write(name, packages("./pool/x/" + name + ".deb", SHA_A, "all"));
            String indexPath = "repo/flat/" + name;
            catalog.ensureParsed(HOST, indexPath, file, sha256(file)).get(10, TimeUnit.SECONDS);
            assertTrue(name, catalog.entryFor(HOST, "repo/flat/pool/x/" + name + ".deb").isPresent());
        }
        assertEquals("one source, replaced by each compression in turn", 1, catalog.indexes().size());
    }

    @Test
    public void aSourcesIndexListsEveryFileOfItsSourcePackagesOnce() throws Exception {
        String shared = " " + SHA_A + " 100 tool_1.orig.tar.xz\n";
        Path file = write("Sources.xz", "Package: tool\nVersion: 1-1\nDirectory: pool/main/t/tool\nChecksums-Sha256:\n "
                + "b".repeat(64) + " 10 tool_1-1.dsc\n" + shared + "\nPackage: tool\nVersion: 1-2\n"
                + "Directory: pool/main/t/tool\nChecksums-Sha256:\n " + "c".repeat(64) + " 11 tool_1-2.dsc\n" + shared);
        catalog.addListener(heard::add);
        catalog.ensureParsed(HOST, "debian/dists/bookworm/main/source/Sources.xz", file, sha256(file))
                .get(10, TimeUnit.SECONDS);
        assertEquals(100, catalog.entryFor(HOST, "debian/pool/main/t/tool/tool_1.orig.tar.xz").orElseThrow().size());
        assertTrue(catalog.entryFor(HOST, "debian/pool/main/t/tool/tool_1-2.dsc").isPresent());
        PackagesIndex index = heard.get(heard.size() - 1);
        assertTrue(index.isSources());
        assertEquals("the shared orig tarball once", 3, index.entries().size());
        assertTrue(index.entries().stream().allMatch(e -> e.source() && !e.architectureAll()));
        assertEquals("counted as a Sources parse", new IndexParseCounts(0, 1, 0, 0, 0), catalog.parseCounts());
    }

    @Test
    public void theSameContentIsNotParsedOrAnnouncedTwiceAndNewContentReplacesTheOld() throws Exception {
        catalog.addListener(heard::add);
        Path v1 = write("Packages.xz", packages("pool/a.deb", SHA_A, "amd64"));
        String sha1 = sha256(v1);
        catalog.ensureParsed(HOST, INDEX + ".xz", v1, sha1).get(10, TimeUnit.SECONDS);
        catalog.ensureParsed(HOST, INDEX + ".xz", v1, sha1).get(10, TimeUnit.SECONDS);
        awaitHeard(1);

        Path v2 = write("Packages.gz", packages("pool/b.deb", SHA_B, "amd64"));
        catalog.ensureParsed(HOST, INDEX + ".gz", v2, sha256(v2)).get(10, TimeUnit.SECONDS);
        awaitHeard(2);
        assertFalse(catalog.entryFor(HOST, "debian/pool/a.deb").isPresent());
        assertTrue(catalog.entryFor(HOST, "debian/pool/b.deb").isPresent());
        awaitCatalogThread();
        assertEquals("nothing announced after the second content", 2, heard.size());
        assertEquals("two parses; the same content handed over again counted as unchanged",
                new IndexParseCounts(2, 0, 0, 1, 0), catalog.parseCounts());
    }

    @Test
    public void aLateListenerHearsOfEveryCurrentIndex() throws Exception {
        Path file = write("Packages", packages("pool/a.deb", SHA_A, "amd64"));
        catalog.ensureParsed(HOST, INDEX, file, sha256(file)).get(10, TimeUnit.SECONDS);
        catalog.addListener(heard::add);
        awaitHeard(1);
        assertEquals(INDEX, heard.get(0).path());
    }

    @Test
    public void aLookUpWaitsForAParseUnderWayOnItsHost() throws Exception {
        Path file = write("Packages.xz", packages("pool/late.deb", SHA_A, "amd64"));
        Thread lookUp = Thread.currentThread();
        thread.execute(() -> untilWaiting(lookUp)); // the parse queues behind this until the look-up waits for it
        catalog.ensureParsed(HOST, INDEX + ".xz", file, sha256(file));
        assertTrue(catalog.entryAwaiting(HOST, "debian/pool/late.deb", Duration.ofSeconds(10)).isPresent());
        assertFalse(catalog.entryAwaiting(HOST, "debian/pool/unknown.deb", Duration.ofSeconds(10)).isPresent());
    }

    @Test
    public void aBrokenIndexIsReportedAndLeavesTheCatalogAsItWas() throws Exception {
        Path good = write("Packages", packages("pool/a.deb", SHA_A, "amd64"));
        catalog.ensureParsed(HOST, INDEX, good, sha256(good)).get(10, TimeUnit.SECONDS);
        Path broken = folder.newFile("broken.xz").toPath();
        Files.writeString(broken, "not xz at all");
        catalog.ensureParsed(HOST, INDEX + ".xz", broken, sha256(broken)).get(10, TimeUnit.SECONDS);
        assertTrue(catalog.entryFor(HOST, "debian/pool/a.deb").isPresent());
        assertEquals("a parse that failed is not counted", 1, catalog.parseCounts().packagesParsed());
    }

    /** Announcements run on the catalog's thread, in order: once a task queued now has run, they are made. */
    private void awaitHeard(int count) throws Exception {
        awaitCatalogThread();
        assertEquals(count, heard.size());
    }

    private void awaitCatalogThread() throws Exception {
        thread.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    private Path write(String name, String text) throws IOException {
        Path file = folder.newFolder().toPath().resolve(name);
        try (OutputStream raw = Files.newOutputStream(file); OutputStream out = compress(name, raw)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static OutputStream compress(String name, OutputStream raw) throws IOException {
        if (name.endsWith(".xz")) {
            return new XZCompressorOutputStream(raw);
        }
        if (name.endsWith(".gz")) {
            return new GzipCompressorOutputStream(raw);
        }
        if (name.endsWith(".lzma")) {
            return new org.apache.commons.compress.compressors.lzma.LZMACompressorOutputStream(raw);
        }
        return name.endsWith(".bz2") ? new BZip2CompressorOutputStream(raw) : raw;
    }

    static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(PackagesReading.sha256().digest(Files.readAllBytes(file)));
    }

    /**
     * Returns once {@code waiter} waits with a deadline (the look-up blocked on the parse), or after 10 s. A
     * thread's state changes with no event to wait on, so this looks at it until then.
     */
    private static void untilWaiting(Thread waiter) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < end) {
            Thread.yield();
        }
    }
}
