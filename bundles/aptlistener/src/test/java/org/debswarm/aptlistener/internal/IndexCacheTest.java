package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The on-disk index cache: copies with validators, moved into place whole, kept apart from the validators. */
public class IndexCacheTest {

    static final String HOST = "127.0.0.1:8080";
    static final String PATH = "debian/dists/test/InRelease";

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void keepsACopyWithItsValidatorsUnderHostAndPath() throws Exception {
        IndexCache cache = new IndexCache(folder.getRoot().toPath().resolve("cache"));
        assertFalse(cache.get(HOST, PATH).isPresent());
        Path temporary = cache.newTemporary();
        Files.writeString(temporary, "hello");
        Instant modified = Instant.parse("2026-07-11T10:16:37Z");
        CachedIndex stored = cache.commit(temporary, new CachedIndex(HOST, PATH, temporary, 5, "ab".repeat(32), modified,
                "\"e1\"", Instant.now()));
        assertEquals(cache.root().resolve(HOST).resolve(PATH), stored.file());
        assertFalse(Files.exists(temporary));
        assertTrue(Files.isRegularFile(cache.root().resolve(".validators").resolve(HOST).resolve(PATH)));

        CachedIndex read = cache.get(HOST, PATH).orElseThrow();
        assertEquals(modified, read.lastModified());
        assertEquals("\"e1\"", read.etag());
        assertEquals("ab".repeat(32), read.sha256());
        assertEquals("hello", Files.readString(read.file()));

        Instant later = Instant.now().plusSeconds(5);
        cache.update(read.revalidated(later, null, "\"e2\""));
        assertEquals("\"e2\"", cache.get(HOST, PATH).orElseThrow().etag());
        assertEquals(modified, cache.get(HOST, PATH).orElseThrow().lastModified());
        assertEquals(later.toEpochMilli(), cache.get(HOST, PATH).orElseThrow().fetchedAt().toEpochMilli());

        cache.remove(HOST, PATH);
        assertFalse(cache.get(HOST, PATH).isPresent());
    }

    @Test
    public void aCopyWhoseSizeDisagreesWithItsValidatorsIsMissing() throws Exception {
        IndexCache cache = new IndexCache(folder.getRoot().toPath());
        Path temporary = cache.newTemporary();
        Files.writeString(temporary, "hello");
        CachedIndex stored = cache.commit(temporary, new CachedIndex(HOST, PATH, temporary, 5, "ab".repeat(32), null, null,
                Instant.now()));
        Files.writeString(stored.file(), "hello, world");
        assertFalse(cache.get(HOST, PATH).isPresent());
    }

    @Test
    public void refusesPathsThatWouldLeaveItsFolder() {
        IndexCache cache = new IndexCache(folder.getRoot().toPath());
        for (String path : new String[] {"../x", "a/../../x", "/etc/passwd", "a//b"}) {
            try {
                cache.get(HOST, path);
                throw new AssertionError(path);
            } catch (IllegalArgumentException expected) {
                // refused
            }
        }
    }

    @Test
    public void sweepsOnlyTemporariesOlderThanADownloadCanTake() throws Exception {
        IndexCache cache = new IndexCache(folder.getRoot().toPath());
        Path old = cache.newTemporary();
        Path young = cache.newTemporary();
        Files.writeString(old, "left by a crash");
        Files.writeString(young, "being written");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
        cache.sweepTemporaries(Duration.ofMinutes(5));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(young));
    }
}
