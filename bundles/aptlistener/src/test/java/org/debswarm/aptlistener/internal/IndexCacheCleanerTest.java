package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Old index versions leave the cache when a new verified Release is read: by-hash copies neither it nor the
 * previous Release lists go (with their validators), plain names and other trees stay, and of the plain copies
 * made from pdiffs the newest and the listed ones stay.
 */
public class IndexCacheCleanerTest {

    private static final String HOST = "127.0.0.1:8080";
    private static final String DIR = "debian/dists/test/";
    private static final String BY_HASH = DIR + "main/binary-amd64/by-hash/SHA256/";

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private static String sha(char c) {
        return String.valueOf(c).repeat(64);
    }

    private static ReleaseNames.Contents listing(char... shas) {
        List<ReleaseNames.Listed> listed = new java.util.ArrayList<>();
        for (char c : shas) {
            listed.add(new ReleaseNames.Listed(DIR + "main/binary-amd64/Packages.xz", BY_HASH + sha(c), sha(c), 1));
        }
        return new ReleaseNames.Contents(true, listed, true);
    }

    private static void put(IndexCache cache, String path) throws Exception {
        Path temporary = cache.newTemporary();
        Files.writeString(temporary, "x");
        cache.commit(temporary, new CachedIndex(HOST, path, temporary, 1, "ab".repeat(32), null, null, Instant.now()));
    }

    @Test
    public void byHashCopiesNoCurrentOrPreviousReleaseListsGo() throws Exception {
        IndexCache cache = new IndexCache(folder.getRoot().toPath().resolve("cache"));
        for (char c : new char[] {'a', 'b', 'c', 'd'}) {
            put(cache, BY_HASH + sha(c));
        }
        put(cache, DIR + "main/binary-amd64/Packages.xz");
        put(cache, "other/dists/test/main/binary-amd64/by-hash/SHA256/" + sha('d'));

        int deleted = new IndexCacheCleaner(cache).afterRelease(HOST, DIR + "InRelease", listing('a'),
                Optional.of(listing('b')));

        assertEquals(2, deleted);
        assertTrue(cache.get(HOST, BY_HASH + sha('a')).isPresent());
        assertTrue("the previous Release's stay for clients still on it", cache.get(HOST, BY_HASH + sha('b')).isPresent());
        assertFalse(cache.get(HOST, BY_HASH + sha('c')).isPresent());
        assertFalse(Files.exists(cache.root().resolve(".validators").resolve(HOST).resolve(BY_HASH + sha('c'))));
        assertFalse(cache.get(HOST, BY_HASH + sha('d')).isPresent());
        assertTrue("plain names stay", cache.get(HOST, DIR + "main/binary-amd64/Packages.xz").isPresent());
        assertTrue("another tree stays", cache.get(HOST, "other/dists/test/main/binary-amd64/by-hash/SHA256/" + sha('d'))
                .isPresent());
    }

    @Test
    public void ofThePlainCopiesTheNewestAndTheListedStay() throws Exception {
        IndexCache cache = new IndexCache(folder.getRoot().toPath().resolve("cache"));
        Path plain = Files.createDirectories(cache.root().resolve(".plain").resolve(HOST).resolve(DIR)
                .resolve("main/binary-amd64/Packages"));
        long t = System.currentTimeMillis();
        int age = 0;
        for (char c : new char[] {'e', 'f', 'a', 'g'}) { // g newest, e oldest
            Path f = Files.writeString(plain.resolve(sha(c)), "x");
            Files.setLastModifiedTime(f, FileTime.fromMillis(t - 100_000 + (age++) * 1000L));
        }
        int deleted = new IndexCacheCleaner(cache).afterRelease(HOST, DIR + "InRelease", listing('a'), Optional.empty());
        assertEquals(2, deleted);
        assertTrue(Files.exists(plain.resolve(sha('g'))));
        assertTrue(Files.exists(plain.resolve(sha('a'))));
        assertFalse(Files.exists(plain.resolve(sha('e'))));
        assertFalse(Files.exists(plain.resolve(sha('f'))));
    }
}
