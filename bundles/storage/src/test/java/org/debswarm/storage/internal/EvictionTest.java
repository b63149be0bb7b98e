package org.debswarm.storage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.EvictionOutcome;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileLease;
import org.debswarm.storage.StoreEntry;
import org.debswarm.storage.StoreUsage;
import org.junit.Test;

/**
 * Eviction on a real store: past {@code maxStoreBytes} (or short of {@code minFreeDiskBytes}) contents go,
 * unlisted before listed, least recently served first; pinned contents and contents in use stay; listeners
 * hear of every evicted path; an administrator's eviction is refused for pinned and in-use contents.
 */
public class EvictionTest extends StoreTestSupport {

    private static final int SIZE = 1000;

    private final Set<String> listed = ConcurrentHashMap.newKeySet();
    private final List<FileKey> evicted = new CopyOnWriteArrayList<>();

    private FileSystemPieceStore open(StoreLimits limits) throws IOException {
        FileSystemPieceStore store = new FileSystemPieceStore(home, dataSource(home), StoreOptions.DEFAULTS, limits);
        store.listedFiles().add(key -> listed.contains(key.path()));
        store.evictionListeners().add(evicted::add);
        return store;
    }

    private static FileKey store(FileSystemPieceStore store, String name) throws Exception {
        byte[] bytes = content(SIZE, name.hashCode());
        FileKey key = deb(name, bytes);
        nextMillisecond();
        BeginResult begin = store.begin(key);
        writeSequentially(begin.write().orElseThrow(), bytes, 300);
        await(begin.completion());
        return key;
    }

    /** Recency is in milliseconds: let the clock move on so that what comes next is strictly later. */
    private static void nextMillisecond() {
        long now = System.currentTimeMillis();
        while (System.currentTimeMillis() == now) {
            Thread.onSpinWait();
        }
    }

    private static boolean stored(FileSystemPieceStore store, FileKey key) throws IOException {
        return store.lookup(key.host(), key.path()).isPresent();
    }

    @Test
    public void unlistedGoFirstThenTheLeastRecentlyServedNeverPinnedOrInUse() throws Exception {
        try (Closing closing = new Closing(open(new StoreLimits(4 * SIZE, 0)))) {
            FileSystemPieceStore store = closing.store;
            FileKey pinned = store(store, "apinned");
            FileKey old = store(store, "bold");
            FileKey busy = store(store, "cbusy");
            FileKey unlisted = store(store, "dunlisted");
            listed.add(old.path());
            assertTrue(store.pin(pinned.host(), pinned.path(), true));
            FileLease lease = store.use(busy.host(), busy.path()).orElseThrow();

            FileKey fifth = store(store, "efifth");
            assertFalse("unlisted goes before an older listed one", stored(store, unlisted));
            assertTrue(stored(store, old));
            assertTrue(stored(store, pinned));
            assertTrue(stored(store, busy));
            assertTrue(stored(store, fifth));
            assertEquals(List.of(unlisted), evicted);
            assertFalse("its files are gone", Files.exists(home.resolve("mirrors").resolve(unlisted.host())
                    .resolve(unlisted.path())));

            listed.add(fifth.path());
            nextMillisecond();
            store.use(old.host(), old.path()).orElseThrow().close(); // old is now the most recently served
            store(store, "fsixth");
            assertTrue("in use: stays although least recent and unlisted", stored(store, busy));
            assertFalse("least recently served of the listed ones", stored(store, fifth));
            assertTrue(stored(store, old));

            lease.close();
            store(store, "gseventh");
            assertFalse("no longer in use, unlisted", stored(store, busy));
            assertTrue("pinned stays, though the oldest", stored(store, pinned));
            StoreUsage usage = store.usage();
            assertEquals(4 * SIZE, usage.storedBytes());
            assertEquals(4 * SIZE, usage.maxStoreBytes());
            assertEquals(3, usage.evictedFiles());
            assertEquals(3 * SIZE, usage.evictedBytes());
        }
    }

    @Test
    public void anAdministratorsEvictionIsRefusedForPinnedAndInUseAndThePinSurvivesARestart() throws Exception {
        FileKey pinned;
        FileKey busy;
        try (Closing closing = new Closing(open(StoreLimits.NONE))) {
            FileSystemPieceStore store = closing.store;
            pinned = store(store, "pinned");
            busy = store(store, "busy");
            listed.add(busy.path());
            assertTrue(store.pin(pinned.host(), pinned.path(), true));
            assertFalse("nothing stored there", store.pin(HOST, "debian/pool/main/n/none/none_1_all.deb", true));
            try (FileLease lease = store.use(busy.host(), busy.path()).orElseThrow()) {
                assertEquals(busy, lease.file().key());
                assertEquals(EvictionOutcome.IN_USE, store.evict(busy.host(), busy.path()));
            }
            assertEquals(EvictionOutcome.PINNED, store.evict(pinned.host(), pinned.path()));
            assertEquals(EvictionOutcome.NOT_STORED, store.evict(HOST, "debian/pool/main/n/none/none_1_all.deb"));

            List<StoreEntry> entries = store.entries();
            assertEquals(2, entries.size());
            StoreEntry b = entries.get(0);
            StoreEntry p = entries.get(1);
            assertEquals(busy, b.key());
            assertTrue(b.listed());
            assertFalse(b.pinned());
            assertTrue("served through the lease", b.lastServed().isPresent());
            assertEquals(pinned, p.key());
            assertTrue(p.pinned());
            assertFalse(p.listed());
            assertTrue(p.lastServed().isEmpty());

            assertEquals(EvictionOutcome.EVICTED, store.evict(busy.host(), busy.path()));
            assertEquals(List.of(busy), evicted);
            assertTrue(store.use(busy.host(), busy.path()).isEmpty());
        }
        try (Closing closing = new Closing(open(StoreLimits.NONE))) {
            FileSystemPieceStore store = closing.store;
            assertEquals(EvictionOutcome.PINNED, store.evict(pinned.host(), pinned.path()));
            assertTrue(store.pin(pinned.host(), pinned.path(), false));
            assertEquals(EvictionOutcome.EVICTED, store.evict(pinned.host(), pinned.path()));
            assertEquals(1, store.usage().evictedFiles());
            assertTrue(store.entries().isEmpty());
        }
    }

    @Test
    public void shortOfFreeDiskSpaceEverythingUnpinnedGoesWhenTheStoreOpens() throws Exception {
        FileKey pinned;
        FileKey other;
        try (Closing closing = new Closing(open(StoreLimits.NONE))) {
            pinned = store(closing.store, "pinned");
            other = store(closing.store, "other");
            assertTrue(closing.store.pin(pinned.host(), pinned.path(), true));
        }
        long impossible = Files.getFileStore(home).getTotalSpace() + (1L << 40);
        try (Closing closing = new Closing(open(new StoreLimits(0, impossible)))) {
            // The pass at opening runs on the eviction thread; a new write's pass runs after it, on this thread.
            store(closing.store, "third");
            assertFalse(stored(closing.store, other));
            assertTrue("pinned stays", stored(closing.store, pinned));
            assertEquals(impossible, closing.store.usage().minFreeDiskBytes());
        }
    }

    /** Closes a store at the end of a try block. */
    private record Closing(FileSystemPieceStore store) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
        }
    }
}
