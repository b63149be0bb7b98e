package org.debswarm.node.internal.seed;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.debswarm.aptlistener.IndexCatalog;
import org.debswarm.aptlistener.IndexEntry;
import org.debswarm.aptlistener.IndexParseCounts;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.node.SeedImportReport;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.storage.internal.StoreOptions;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * An import of a real folder into a real store (H2): listed files are stored and offered, corrupt ones reported
 * and not kept, unlisted ones left alone, held ones skipped; an import cut short is continued by the next.
 */
public class ImportRunTest {

    private static final String HOST = "mirror.test";

    @Rule
    public final TemporaryFolder work = new TemporaryFolder();

    private FileSystemPieceStore store;
    private final List<IndexEntry> entries = new ArrayList<>();
    private final List<FileKey> offered = new CopyOnWriteArrayList<>();
    private Path folder;

    @Before
    public void open() throws Exception {
        Path home = work.newFolder("home").toPath();
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + home.resolve("db").resolve("storage"));
        store = new FileSystemPieceStore(home, ds, StoreOptions.DEFAULTS);
        folder = work.newFolder("archives").toPath();
    }

    @After
    public void close() throws Exception {
        store.close();
    }

    @Test
    public void listedFilesAreStoredCorruptOnesReportedOthersLeftAlone() throws Exception {
        byte[] good = listed("pool/main/g/good/good_1.0_all.deb", 300_000, 1);
        byte[] other = listed("pool/main/o/other/other_2.0_amd64.deb", 70_000, 2);
        Files.write(Files.createDirectories(folder.resolve("sub/deeper")).resolve("good_1.0_all.deb"), good);
        Files.write(folder.resolve("other_2.0_amd64.deb"), other);
        byte[] corrupt = listed("pool/main/c/corrupt/corrupt_1.0_all.deb", 50_000, 3);
        corrupt[1000] ^= 1;
        Files.write(folder.resolve("corrupt_1.0_all.deb"), corrupt);
        Files.write(folder.resolve("unlisted_1.0_all.deb"), bytes(10_000, 4));
        Files.write(folder.resolve("good_1.0_all.deb.txt"), good); // not a package file name

        SeedImportReport report = run();

        assertEquals(SeedImportReport.State.DONE, report.state());
        assertEquals(report.toString(), 4, report.scanned());
        assertEquals(report.toString(), 2, report.imported());
        assertEquals(good.length + other.length, report.importedBytes());
        assertEquals(1, report.unlisted());
        assertEquals(1, report.corruptCount());
        assertTrue(report.corrupt().get(0), report.corrupt().get(0).contains("corrupt_1.0_all.deb"));
        assertEquals(0, report.errorCount());
        assertStored("debian/pool/main/g/good/good_1.0_all.deb", good);
        assertStored("debian/pool/main/o/other/other_2.0_amd64.deb", other);
        assertFalse("a corrupt file is not kept",
                store.lookup(HOST, "debian/pool/main/c/corrupt/corrupt_1.0_all.deb").isPresent());
        assertEquals(2, offered.size());
    }

    @Test
    public void aSecondImportSkipsWhatTheStoreHolds() throws Exception {
        Files.write(folder.resolve("good_1.0_all.deb"), listed("pool/main/g/good/good_1.0_all.deb", 40_000, 5));
        assertEquals(1, run().imported());
        SeedImportReport again = run();
        assertEquals(again.toString(), 0, again.imported());
        assertEquals(1, again.held());
    }

    @Test
    public void aFileCutShortIsContinued() throws Exception {
        byte[] content = listed("pool/main/b/big/big_1.0_all.deb", 3 * 1024 * 1024, 6);
        Files.write(folder.resolve("big_1.0_all.deb"), content);
        FileKey key = entries.get(0).key();
        FileWrite write = store.begin(key).write().orElseThrow();
        write.writeAt(0, ByteBuffer.wrap(content, 0, 1024 * 1024)); // an earlier import stopped here
        write.suspend("the import stopped");

        SeedImportReport report = run();

        assertEquals(report.toString(), 1, report.imported());
        assertStored(key.path(), content);
    }

    @Test
    public void theSameFileUnderTwoSuitesIsLinkedAndOfferedUnderBoth() throws Exception {
        byte[] content = listed("pool/main/s/shared/shared_1.0_all.deb", 20_000, 7);
        entries.add(new IndexEntry(new FileKey("alias.test", "debian/pool/main/s/shared/shared_1.0_all.deb",
                content.length, sha256(content)), "all"));
        Files.write(folder.resolve("shared_1.0_all.deb"), content);

        assertEquals(1, run().imported());

        assertTrue(store.lookup("alias.test", "debian/pool/main/s/shared/shared_1.0_all.deb").isPresent());
        assertEquals(2, offered.size());
    }

    private SeedImportReport run() throws Exception {
        ImportRun run = new ImportRun(folder, new ListedDebs(catalog()), store, offered::add, Duration.ofSeconds(30));
        run.run();
        return run.done().get(10, TimeUnit.SECONDS);
    }

    /** Content of {@code size} bytes listed by the index at {@code debian/<path>}. */
    private byte[] listed(String path, int size, long seed) throws Exception {
        byte[] content = bytes(size, seed);
        entries.add(new IndexEntry(new FileKey(HOST, "debian/" + path, size, sha256(content)), "all"));
        return content;
    }

    private void assertStored(String path, byte[] content) throws Exception {
        Path stored = store.lookup(HOST, path).orElseThrow(() -> new AssertionError(path + " not stored")).file();
        assertArrayEquals(content, Files.readAllBytes(stored));
    }

    private IndexCatalog catalog() {
        PackagesIndex index = new PackagesIndex(HOST, "debian/dists/test/main/binary-amd64/Packages.xz",
                "0".repeat(64), Instant.now(), entries);
        return new IndexCatalog() {
            @Override
            public Optional<FileKey> entryFor(String host, String path) {
                return Optional.empty();
            }

            @Override
            public List<PackagesIndex> indexes() {
                return List.of(index);
            }

            @Override
            public IndexParseCounts parseCounts() {
                return null;
            }
        };
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
