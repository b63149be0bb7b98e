package org.debswarm.storage.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PlacerTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void linksWithinOneFileSystemAndReplacesAtomically() throws Exception {
        StoreLayout layout = new StoreLayout(folder.getRoot().toPath());
        layout.createDirectories();
        Path blob = layout.blob("ab".repeat(32));
        Files.createDirectories(blob.getParent());
        Files.write(blob, new byte[] {1, 2, 3});
        Path target = layout.mirror("deb.debian.org", "debian/pool/x.deb");
        Files.createDirectories(target.getParent());
        Files.write(target, new byte[] {9}); // an older file at the path is replaced

        assertTrue(new Placer(layout).place(blob, target));
        assertTrue(Files.isSameFile(blob, target));
        assertEquals(0, StoreTestSupport.entries(layout.partialDirectory()));
    }

    /** Across file systems link(2) fails with EXDEV: the path gets a copy with the same time. */
    @Test
    public void copiesWhereALinkIsRefused() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeTrue("needs a second file system at /dev/shm", Files.isWritable(shm)
                && !Files.getFileStore(shm).equals(Files.getFileStore(folder.getRoot().toPath())));
        Path elsewhere = Files.createTempFile(shm, "debswarm-placer", ".blob");
        try {
            Files.write(elsewhere, new byte[] {4, 5, 6});
            Files.setLastModifiedTime(elsewhere, FileTime.fromMillis(1_600_000_000_123L));
            StoreLayout layout = new StoreLayout(folder.getRoot().toPath());
            layout.createDirectories();
            Path target = layout.mirror("deb.debian.org", "debian/pool/y.deb");

            assertFalse(new Placer(layout).place(elsewhere, target));
            assertArrayEquals(new byte[] {4, 5, 6}, Files.readAllBytes(target));
            assertEquals(Files.getLastModifiedTime(elsewhere), Files.getLastModifiedTime(target));
        } finally {
            Files.deleteIfExists(elsewhere);
        }
    }
}
