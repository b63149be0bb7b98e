package org.debswarm.storage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.StoredFile;
import org.junit.Test;

public class ContentAddressingTest extends StoreTestSupport {

    @Test
    public void sameContentThroughTwoMirrorsIsStoredOnce() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(150_000, 40);
        FileKey first = key("deb.debian.org", "debian/pool/main/z/zlib/zlib1g_1.2.13_amd64.deb", bytes);
        FileKey second = key("ftp.us.debian.org", "debian/pool/main/z/zlib/zlib1g_1.2.13_amd64.deb", bytes);
        BeginResult begin = store.begin(first);
        writeSequentially(begin.write().orElseThrow(), bytes, 10_000);
        StoredFile a = await(begin.completion());

        Optional<StoredFile> b = store.linkIfKnown(second);
        assertTrue(b.isPresent());
        assertTrue(Files.isSameFile(a.file(), b.get().file()));
        assertEquals(inode(a.file()), inode(b.get().file()));
        assertEquals(inode(a.file()), inode(blob(first.sha256())));
        assertEquals(Optional.of(b.get()), store.lookup("ftp.us.debian.org", second.path()));
        assertEquals(2, store.summary().storedPaths());
        assertEquals(2L * bytes.length, store.summary().storedBytes());
        assertEquals(1, store.summary().uniqueFiles());
        assertEquals(bytes.length, store.summary().uniqueBytes());
    }

    @Test
    public void beginOfKnownContentUnderANewPathLinksInstantly() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(20_000, 41);
        FileKey bookworm = key(HOST, "debian/pool/main/a/apt/apt_2.6.1_amd64.deb", bytes);
        FileKey copy = key(HOST, "debian-security/pool/main/a/apt/apt_2.6.1_amd64.deb", bytes);
        BeginResult first = store.begin(bookworm);
        writeSequentially(first.write().orElseThrow(), bytes, 20_000);
        await(first.completion());

        BeginResult second = store.begin(copy);
        assertEquals(BeginResult.Outcome.STORED, second.outcome());
        assertEquals(inode(blob(copy.sha256())), inode(await(second.completion()).file()));
    }

    @Test
    public void unknownContentIsNotLinked() throws Exception {
        FileSystemPieceStore store = open();
        assertEquals(Optional.empty(), store.linkIfKnown(deb("unknown", content(10, 42))));
        assertEquals(Optional.empty(), store.lookupBySha256(sha256(content(10, 42))));
    }

    @Test
    public void contentGoesWhenItsLastPathIsRemoved() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(5_000, 43);
        FileKey a = key(HOST, "debian/a.deb", bytes);
        FileKey b = key(HOST, "debian/b.deb", bytes);
        BeginResult begin = store.begin(a);
        writeSequentially(begin.write().orElseThrow(), bytes, 5_000);
        await(begin.completion());
        store.linkIfKnown(b).orElseThrow();

        assertTrue(store.remove(HOST, a.path()));
        assertFalse(store.remove(HOST, a.path()));
        assertFalse(Files.exists(home.resolve("mirrors").resolve(HOST).resolve(a.path())));
        assertTrue("still used by b", Files.exists(blob(a.sha256())));
        assertTrue(store.remove(HOST, b.path()));
        assertFalse("no path uses it any more", Files.exists(blob(a.sha256())));
        assertEquals(0, store.summary().uniqueFiles());
    }

    @Test
    public void aPathThatGetsNewContentReleasesTheOld() throws Exception {
        FileSystemPieceStore store = open();
        byte[] oldBytes = content(3_000, 44);
        byte[] newBytes = content(4_000, 45);
        String path = "debian/dists/bookworm/main/binary-amd64/Packages.xz";
        FileKey oldKey = key(HOST, path, oldBytes);
        FileKey newKey = key(HOST, path, newBytes);
        BeginResult first = store.begin(oldKey);
        writeSequentially(first.write().orElseThrow(), oldBytes, 3_000);
        await(first.completion());

        assertEquals("lookup returns what is stored; callers compare its sha256 with the index",
                oldKey, store.lookup(HOST, path).orElseThrow().key());
        BeginResult second = store.begin(newKey);
        assertEquals(BeginResult.Outcome.CREATED, second.outcome());
        writeSequentially(second.write().orElseThrow(), newBytes, 4_000);
        await(second.completion());

        assertEquals(newKey, store.lookup(HOST, path).orElseThrow().key());
        assertFalse(Files.exists(blob(oldKey.sha256())));
        assertEquals(1, store.summary().uniqueFiles());
    }

    private Path blob(String sha) {
        return home.resolve("store").resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha);
    }

    private static Object inode(Path file) throws Exception {
        return Files.getAttribute(file, "unix:ino");
    }
}
