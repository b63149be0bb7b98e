package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.debswarm.stats.Figures;
import org.debswarm.stats.internal.StatsComponent;
import org.debswarm.stats.internal.StatsConfiguration;
import org.h2.util.OsgiDataSourceFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What the listener counts in the real statistics component (on a real H2 file), served from a real Jetty
 * over the real governor and store, against a mirror on loopback: index files and files passed through are
 * mirror bytes of the node under the mirror's host, passed-through files are also served to apt.
 */
public class MeteringTest {

    private static final String RELEASE = TestArchive.SUITE + "/InRelease";
    private static final String INDEX = TestArchive.PACKAGES + ".xz";

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private TestArchive archive;
    private ListenerRig rig;
    private StatsComponent stats;

    @Before
    public void start() throws Exception {
        archive = new TestArchive(folder.newFolder("mirror").toPath()).add("small", 10_000, 1)
                .addUnlisted(AptListenerTest.UNLISTED, 20_000, 4).publish();
        rig = new ListenerRig(archive, folder.newFolder("home").toPath(), Map.of());
        stats = new StatsComponent(Configs.of(StatsConfiguration.class, Map.of()),
                Configs.home(folder.newFolder("stats").toPath()), new OsgiDataSourceFactory(new org.h2.Driver()));
        Configs.inject(rig.listener, "stats", stats);
    }

    @After
    public void stop() throws Exception {
        rig.close();
        Method deactivate = StatsComponent.class.getDeclaredMethod("deactivate"); // package-private, for SCR
        deactivate.setAccessible(true);
        deactivate.invoke(stats);
    }

    @Test
    public void indexFilesFromTheMirrorCountForTheNodeUnderTheMirrorsHost() throws Exception {
        long indexBytes = fetch(RELEASE) + fetch(INDEX);
        assertEquals(Map.of(rig.mirror.authority(), indexBytes), figures().fromMirrorHosts());
        assertEquals("an index file is not a package file served", 0, figures().servedToApt());
        assertEquals("no torrent", 0, stats.torrents().size());

        assertEquals(200, get(RELEASE).status());
        assertEquals("revalidated (304 from the mirror): no body, no bytes", indexBytes, figures().fromMirrors());
    }

    @Test
    public void indexFilesTheNodeFetchesForItselfCountToo() throws Exception {
        long indexBytes = fetch(RELEASE) + fetch(INDEX);
        archive.add("fresh", 5000, 9).publish();
        Files.setLastModifiedTime(archive.root.resolve(RELEASE), FileTime.from(Instant.now().plusSeconds(60)));
        indexBytes += fetch(RELEASE); // apt would now fetch pdiffs: the node fetches the new Packages.xz itself
        String fresh = "debian/pool/main/f/fresh/fresh_1.0_all.deb";
        long freshBytes = fetch(fresh);
        assertEquals("the node fetched the new index itself", 2, rig.mirror.count("/" + INDEX));
        long expected = indexBytes + archive.bytes(INDEX).length + freshBytes;
        assertEquals(expected, awaitFigures(f -> f.fromMirrors() >= expected).fromMirrors());
    }

    @Test
    public void aFilePassedThroughCountsAsMirrorBytesAndAsAFileServed() throws Exception {
        long indexBytes = fetch(RELEASE) + fetch(INDEX);
        long size = fetch(AptListenerTest.UNLISTED);
        Figures figures = awaitFigures(f -> f.filesFetched() == 1);
        assertEquals(Map.of(rig.mirror.authority(), indexBytes + size), figures.fromMirrorHosts());
        assertEquals(size, figures.servedToApt());
        assertEquals(0, figures.filesFromStore());

        RawHttp.Reply part = get(AptListenerTest.UNLISTED, "Range: bytes=100-199");
        assertEquals(206, part.status());
        assertEquals("the range came from the mirror", indexBytes + size + 100, figures().fromMirrors());
        assertEquals("a range is not a file served", size, figures().servedToApt());
        assertEquals(1, figures().filesFetched());
    }

    @Test
    public void aListedPackageCountsOnceFromTheMirrorThenFromTheStore() throws Exception {
        long indexBytes = fetch(RELEASE) + fetch(INDEX);
        String small = "debian/pool/main/s/small/small_1.0_all.deb";
        long size = fetch(small);
        rig.store.whenStored(rig.listener.entryFor(rig.mirror.authority(), small).orElseThrow())
                .get(10, TimeUnit.SECONDS);
        fetch(small);
        // each answer is counted once complete, which may come after apt read its last byte: wait for both
        Figures figures = awaitFigures(f -> f.filesFromStore() == 1 && f.servedToApt() == 2 * size);
        assertEquals(Map.of(rig.mirror.authority(), indexBytes + size), figures.fromMirrorHosts());
        assertEquals(2 * size, figures.servedToApt());
        assertEquals(1, figures.filesFetched());
    }

    /** @return the size of the file, after checking that apt got it whole */
    private long fetch(String path) throws Exception {
        RawHttp.Reply reply = get(path);
        assertEquals(path, 200, reply.status());
        assertArrayEquals(path, archive.bytes(path), reply.body());
        return reply.body().length;
    }

    private RawHttp.Reply get(String path, String... headers) throws Exception {
        return rig.get(path, headers);
    }

    private Figures figures() {
        return stats.node().figures();
    }

    /**
     * A file served is counted once its answer is complete, which may be a moment after apt read the last
     * byte: the figures are read again after short sleeps, up to a deadline.
     */
    private Figures awaitFigures(Predicate<Figures> condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.test(figures()) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertTrue("figures within 10 s: " + figures(), condition.test(figures()));
        return figures();
    }
}
