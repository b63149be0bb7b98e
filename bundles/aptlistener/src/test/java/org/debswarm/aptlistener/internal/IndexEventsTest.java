package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.debswarm.rfc822.ControlParser;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.storage.FileKey;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What follows an index passing when no {@code ControlParser} is bound yet (a node starting: the listener may
 * serve before the rfc822 bundle has started): nothing is lost, and package requests wait for it.
 */
public class IndexEventsTest {

    private static final String HOST = "mirror.example";
    private static final String IN_RELEASE = TestArchive.SUITE + "/InRelease";
    private static final String XZ = TestArchive.PACKAGES + ".xz";
    private static final String SMALL = "debian/pool/main/s/small/small_1.0_all.deb";

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final AtomicReference<ControlParser> parser = new AtomicReference<>();
    private TestArchive archive;
    private IndexCache cache;
    private Catalog catalog;
    private IndexEvents events;

    @Before
    public void setUp() throws Exception {
        archive = new TestArchive(folder.newFolder("mirror").toPath()).add("small", 3000, 1).publish();
        cache = new IndexCache(folder.newFolder("cache").toPath());
        catalog = new Catalog(parser::get, thread);
        Settings settings = new Settings("http", Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ZERO,
                Duration.ofSeconds(10));
        IndexFetcher fetcher = new IndexFetcher(cache, () -> null, settings, new Metering(() -> null),
                java.time.Clock.systemUTC());
        PdiffFollower pdiffs = new PdiffFollower(cache, new PlainCopies(cache), fetcher, parser::get);
        events = new IndexEvents(cache, catalog, new ReleaseNames(),
                new ReleaseReader(new TrustedKeys(List.of(TestSigner.KEYRING), Map.of())), parser::get,
                new IndexRefresher(catalog, fetcher, pdiffs, settings, workers), new IndexCounters());
    }

    @After
    public void stop() throws InterruptedException {
        thread.shutdownNow();
        workers.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    public void aReleaseThatPassedBeforeTheParserIsReadWhenItIsBoundAndPackageRequestsWaitForIt() throws Exception {
        events.passed(cached(IN_RELEASE), false);
        events.passed(cached(XZ), false);
        long start = System.nanoTime();
        assertFalse(catalog.entryAwaiting(HOST, SMALL, Duration.ofMillis(300)).isPresent());
        assertTrue("a look-up waits for what waits for a parser",
                System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));

        Future<Optional<FileKey>> request = workers.submit(() -> catalog.entryAwaiting(HOST, SMALL, Duration.ofSeconds(10)));
        parser.set(new DefaultControlParser());
        events.parserBound();
        assertTrue(request.get(15, TimeUnit.SECONDS).isPresent());
    }

    @Test
    public void whatPassedBeforeTheParserIsHandledBeforeTheNextIndexThatPassesWithOne() throws Exception {
        events.passed(cached(IN_RELEASE), false);
        parser.set(new DefaultControlParser()); // no event: the next pass finds it
        events.passed(cached(XZ), false).get(10, TimeUnit.SECONDS);
        assertTrue(catalog.entryFor(HOST, SMALL).isPresent());
    }

    @Test
    public void aByHashNameThatPassesAfterAWaitingReleaseIsKnownByWhatThatReleaseSays() throws Exception {
        archive = new TestArchive(folder.newFolder("by-hash").toPath()).byHash().add("small", 3000, 1).publish();
        events.passed(cached(IN_RELEASE), false);
        parser.set(new DefaultControlParser()); // no event: the by-hash name's pass reads the Release first
        String byHash = TestArchive.SUITE + "/main/binary-amd64/by-hash/SHA256/" + TestArchive.sha256(archive.bytes(XZ));
        events.passed(cached(byHash), true).get(10, TimeUnit.SECONDS);
        assertTrue(catalog.entryFor(HOST, SMALL).isPresent());
    }

    @Test
    public void aRestartedNodeWhoseParserComesAfterItsWarmUpKnowsItsPackages() throws Exception {
        cached(IN_RELEASE);
        cached(XZ);
        events.warmUp(Duration.ofMinutes(5));
        assertFalse(catalog.entryFor(HOST, SMALL).isPresent());
        parser.set(new DefaultControlParser());
        events.parserBound();
        assertTrue(catalog.entryAwaiting(HOST, SMALL, Duration.ofSeconds(10)).isPresent());
    }

    /** @return the archive's file {@code path} in the cache, as a download through the listener leaves it */
    private CachedIndex cached(String path) throws Exception {
        Path temporary = cache.newTemporary();
        byte[] bytes = archive.bytes(path);
        Files.write(temporary, bytes);
        return cache.commit(temporary, new CachedIndex(HOST, path, temporary, bytes.length, TestArchive.sha256(bytes),
                null, null, Instant.now()));
    }
}
