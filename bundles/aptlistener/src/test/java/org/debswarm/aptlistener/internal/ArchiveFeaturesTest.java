package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.debswarm.aptlistener.IndexParseCounts;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.governor.internal.JettyHttpGovernor;
import org.debswarm.governor.internal.JettyHttpGovernorConfiguration;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.storage.internal.FileSystemPieceStoreConfiguration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.util.OsgiDataSourceFactory;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Real-archive behaviour of the listener over the real governor, store and parser against a signed archive on
 * loopback: signatures decide what is catalogued, pdiffs are followed, by-hash names are served by content,
 * Release and indices stay consistent, Sources are catalogued.
 */
public class ArchiveFeaturesTest {

    private static final String SMALL = AptListenerTest.SMALL;
    private static final String IN_RELEASE = TestArchive.SUITE + "/InRelease";
    private static final String XZ = TestArchive.PACKAGES + ".xz";

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private TestArchive archive;
    private MirrorServer mirror;
    private JettyHttpGovernor governor;
    private FileSystemPieceStore store;
    private AptListener listener;
    private Server server;
    private int port;
    private final List<PackagesIndex> heard = new CopyOnWriteArrayList<>();
    private final MovedClock clock = new MovedClock();

    private void start(TestArchive configured, Map<String, Object> overrides) throws Exception {
        archive = configured.add("small", 10_000, 1).add("big", 100_000, 2).publish();
        mirror = new MirrorServer(archive.root);
        Path home = folder.newFolder("home").toPath();
        governor = new JettyHttpGovernor(Configs.of(JettyHttpGovernorConfiguration.class,
                Map.of("maxAttempts", 1, "idleTimeoutMillis", 3000L)));
        store = new FileSystemPieceStore(Configs.of(FileSystemPieceStoreConfiguration.class, Map.of()),
                Configs.home(home), new OsgiDataSourceFactory(new org.h2.Driver()));
        Map<String, Object> config = new HashMap<>(Map.of("allowedMirrors", new String[] {mirror.authority()},
                "indexDeadline", 5L, "debDeadline", 20L, "catalogWait", 10L,
                "keyrings", new String[] {TestSigner.KEYRING.toAbsolutePath().toString()}));
        config.putAll(overrides);
        listener = new AptListener(Configs.of(AptListenerConfiguration.class, config), Configs.home(home), clock);
        Configs.inject(listener, "governor", governor);
        Configs.inject(listener, "store", store);
        Configs.inject(listener, "parser", new DefaultControlParser());
        listener.addPackagesIndexListener(heard::add);
        server = LoopbackJetty.serve(listener);
        port = LoopbackJetty.port(server);
    }

    private TestArchive newArchive() throws Exception {
        return new TestArchive(folder.newFolder("mirror").toPath());
    }

    @After
    public void stop() throws Exception {
        if (server != null) {
            server.stop();
            listener.deactivate();
        }
        if (mirror != null) {
            mirror.close();
            store.close();
            governor.close();
        }
    }

    @Test
    public void aBadSignatureReachesAptButMakesNoCatalogue() throws Exception {
        start(newArchive(), Map.of());
        String signed = new String(archive.bytes(IN_RELEASE), StandardCharsets.UTF_8);
        Files.writeString(archive.root.resolve(IN_RELEASE), signed.replace("Codename: test", "Codename: tesu"));
        assertArrayEquals(archive.bytes(IN_RELEASE), get(IN_RELEASE).body());
        assertArrayEquals("apt gets the index all the same: it decides", archive.bytes(XZ), get(XZ).body());
        assertFalse(listener.catalog().entryAwaiting(mirror.authority(), SMALL, Duration.ofSeconds(2)).isPresent());
        assertArrayEquals(archive.bytes(SMALL), get(SMALL).body());
        assertFalse("passed through, not verified by the index, not stored",
                store.lookup(mirror.authority(), SMALL).isPresent());
        assertTrue(heard.isEmpty());
    }

    @Test
    public void anUnknownKeyMakesNoCatalogueEither() throws Exception {
        start(newArchive(), Map.of("keyrings", new String[] {SignatureCheckTest.FIXTURES.resolve("other-keyring.gpg")
                .toAbsolutePath().toString()}));
        get(IN_RELEASE);
        get(XZ);
        assertFalse(listener.catalog().entryAwaiting(mirror.authority(), SMALL, Duration.ofSeconds(2)).isPresent());
    }

    @Test
    public void aKeyRingPerMirrorIsUsedForThatMirror() throws Exception {
        start(newArchive(), Map.of("keyrings", new String[] {"/nonexistent"}));
        startAgain(Map.of("keyrings", new String[] {"/nonexistent"}, "mirrorKeyrings",
                new String[] {mirror.authority() + "=" + TestSigner.KEYRING.toAbsolutePath()}));
        get(IN_RELEASE);
        get(XZ);
        assertTrue(listener.catalog().entryAwaiting(mirror.authority(), SMALL, Duration.ofSeconds(10)).isPresent());
    }

    @Test
    public void pdiffsKeepTheNodesCopyCurrentAndAnnounceEachVersion() throws Exception {
        start(newArchive().withPdiffs(), Map.of());
        update();
        get(XZ);
        awaitEntry(SMALL);

        archive.add("fresh", 5000, 9).publish();
        update();
        awaitEntry("debian/pool/main/f/fresh/fresh_1.0_all.deb");
        assertEquals("the node patched its copy: no new Packages.xz", 1, mirror.count("/" + XZ));
        assertEquals(1, mirror.count("/" + TestArchive.SUITE + "/main/binary-amd64/Packages.diff/T-1-F-0.gz"));
        PackagesIndex patched = listener.indexes().get(0);
        assertEquals(TestArchive.PACKAGES, patched.path());
        assertEquals("the same Packages as the mirror's", TestArchive.sha256(archive.bytes(TestArchive.PACKAGES)),
                patched.sha256());

        archive.add("third", 6000, 10).publish();
        update();
        awaitEntry("debian/pool/main/t/third/third_1.0_all.deb");
        assertEquals(1, mirror.count("/" + XZ));
        assertEquals(TestArchive.sha256(archive.bytes(TestArchive.PACKAGES)), listener.indexes().get(0).sha256());
        assertEquals("announced: first, then each patched version", 3, heard.size());
        String fresh = "debian/pool/main/f/fresh/fresh_1.0_all.deb";
        assertArrayEquals(archive.bytes(fresh), get(fresh).body());
        store.whenStored(listener.entryFor(mirror.authority(), fresh).orElseThrow()).get(10, TimeUnit.SECONDS);
    }

    /**
     * apt asks again for an InRelease and a Packages.xz that did not change: the node revalidates the InRelease
     * (the mirror answers 304, no body) and answers the Packages.xz from its cache, as the Release says (no mirror
     * request at all); nothing is read or parsed again, and the counts say so. Then a new InRelease listing the same
     * Packages.xz is read, and the index it hands the catalog again is not parsed again either.
     */
    @Test
    public void notModifiedIndicesAreNotReadAgain() throws Exception {
        start(newArchive(), Map.of());
        update();
        get(XZ);
        awaitEntry(SMALL);
        assertEquals("one InRelease read, one Packages parsed", new IndexParseCounts(1, 0, 1, 0, 0),
                listener.parseCounts());
        int before = mirror.log().size();
        long bodyBytes = governor.snapshot().total().bytes();

        update();
        assertArrayEquals(archive.bytes(XZ), get(XZ).body());
        assertEquals("the InRelease revalidated; the Packages.xz it lists served from the cache",
                List.of("GET /" + IN_RELEASE + " IMS"), mirror.log().subList(before, mirror.log().size()));
        assertEquals("the mirror answered 304: no body", bodyBytes, governor.snapshot().total().bytes());
        assertEquals("nothing read again: the InRelease and the Packages.xz counted as unchanged",
                new IndexParseCounts(1, 0, 1, 1, 1), listener.parseCounts());

        archive.publish(); // a new Release date, so a new InRelease with the same Packages.xz
        Files.setLastModifiedTime(archive.root.resolve(IN_RELEASE),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(60)));
        update();
        assertArrayEquals(archive.bytes(XZ), get(XZ).body());
        assertEquals("the new InRelease read; the Packages.xz it lists, handed over by it and served, not parsed",
                new IndexParseCounts(1, 0, 2, 3, 1), listener.parseCounts());
        java.util.concurrent.CompletableFuture<Void> drained = new java.util.concurrent.CompletableFuture<>();
        listener.catalog().execute(() -> drained.complete(null)); // after every parse and announcement queued
        drained.get(10, TimeUnit.SECONDS);
        assertEquals("announced once", 1, heard.size());
    }

    /**
     * A Release verified by the Release.gpg that follows it (read twice: without, then with its signature) is not
     * read again when both are revalidated with a 304: its identity includes the signature's.
     */
    @Test
    public void aReleaseAndItsUnchangedSignatureAreNotReadAgain() throws Exception {
        start(newArchive(), Map.of());
        String release = TestArchive.SUITE + "/Release";
        assertEquals(200, get(release).status());
        assertEquals(200, get(release + ".gpg").status());
        get(XZ);
        awaitEntry(SMALL);
        // The Release is read once apt has it, in the background: alone (then again with its signature), or,
        // when the signature reached the cache first, once with it (then its own pass finds it read).
        IndexParseCounts first = listener.parseCounts();
        assertTrue("the Release read alone, then with its signature; or once with it: " + first,
                first.equals(new IndexParseCounts(1, 0, 2, 0, 0)) || first.equals(new IndexParseCounts(1, 0, 1, 0, 1)));
        int before = mirror.log().size();

        assertEquals(200, get(release).status());
        assertEquals(200, get(release + ".gpg").status());
        assertEquals(List.of("GET /" + release + " IMS", "GET /" + release + ".gpg IMS"),
                mirror.log().subList(before, mirror.log().size()));
        assertEquals("neither pass read the Release again", new IndexParseCounts(1, 0, first.releasesRead(), 0,
                first.unchangedReleases() + 2), listener.parseCounts());
    }

    @Test
    public void chainedUnmergedPatchesAreAppliedInTurn() throws Exception {
        start(newArchive().withChainedPdiffs(), Map.of());
        update();
        get(XZ);
        awaitEntry(SMALL);
        archive.add("second", 5000, 9).publish(); // the node does not see this version
        archive.add("third", 6000, 10).publish();
        update();
        awaitEntry("debian/pool/main/t/third/third_1.0_all.deb");
        assertEquals(1, mirror.count("/" + TestArchive.SUITE + "/main/binary-amd64/Packages.diff/T-1-F-0.gz"));
        assertEquals(1, mirror.count("/" + TestArchive.SUITE + "/main/binary-amd64/Packages.diff/T-2-F-1.gz"));
        assertEquals("no whole Packages fetched", 1, mirror.count("/" + XZ));
        assertEquals(TestArchive.sha256(archive.bytes(TestArchive.PACKAGES)), listener.indexes().get(0).sha256());
    }

    @Test
    public void aPatchThatDoesNotMatchFallsBackToTheWholeIndex() throws Exception {
        start(newArchive().withPdiffs(), Map.of());
        update();
        get(XZ);
        awaitEntry(SMALL);
        archive.add("fresh", 5000, 9).corruptNextPatch().publish();
        update();
        awaitEntry("debian/pool/main/f/fresh/fresh_1.0_all.deb");
        assertEquals("the patch gave another file: the whole index was fetched", 2, mirror.count("/" + XZ));
        assertFalse(listener.catalog().entryFor(mirror.authority(), "debian/pool/main/s/spurious").isPresent());
    }

    @Test
    public void aByHashNameIsServedFromAnyCachedCopyOfItsContent() throws Exception {
        start(newArchive(), Map.of());
        update();
        get(XZ);
        String byHash = TestArchive.SUITE + "/main/binary-amd64/by-hash/SHA256/" + TestArchive.sha256(archive.bytes(XZ));
        RawHttp.Reply reply = get(byHash);
        assertEquals(200, reply.status());
        assertArrayEquals(archive.bytes(XZ), reply.body());
        assertEquals("known by its hash: the mirror is not asked", 0, mirror.count("/" + byHash));
    }

    @Test
    public void withAcquireByHashThePlainNameIsAnsweredWithTheReleasesVersion() throws Exception {
        start(newArchive().byHash(), Map.of());
        update();
        assertArrayEquals(archive.bytes(XZ), get(XZ).body());
        String byHash = TestArchive.SUITE + "/main/binary-amd64/by-hash/SHA256/" + TestArchive.sha256(archive.bytes(XZ));
        assertEquals(1, mirror.count("/" + byHash));
        assertEquals(0, mirror.count("/" + XZ));
        byte[] old = archive.bytes(XZ);
        archive.add("fresh", 5000, 9);
        archive.publish(); // the mirror has a new Packages.xz; apt still has the old InRelease
        assertArrayEquals("the version the Release apt holds describes", old, get(XZ).body());
        assertEquals(0, mirror.count("/" + XZ));
    }

    @Test
    public void aMirrorWithoutTheByHashFileStillServesThePlainName() throws Exception {
        start(newArchive().byHash(), Map.of());
        update();
        String byHash = TestArchive.SUITE + "/main/binary-amd64/by-hash/SHA256/" + TestArchive.sha256(archive.bytes(XZ));
        Files.delete(archive.root.resolve(byHash));
        RawHttp.Reply reply = get(XZ);
        assertEquals(200, reply.status());
        assertArrayEquals(archive.bytes(XZ), reply.body());
        assertEquals(1, mirror.count("/" + XZ));
    }

    @Test
    public void aFreshCachedIndexOlderThanTheReleaseIsNotServed() throws Exception {
        start(newArchive(), Map.of("indexFreshness", 2L));
        update();
        clock.ahead = Duration.ofMillis(2200); // the InRelease copy is no longer fresh; the Packages.xz fetched now will be
        get(XZ);
        archive.add("fresh", 5000, 9).publish();
        Files.setLastModifiedTime(archive.root.resolve(IN_RELEASE),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(60)));
        update(); // the new InRelease
        assertArrayEquals("not the fresh cached copy that the new Release does not describe", archive.bytes(XZ),
                get(XZ).body());
    }

    @Test
    public void sourcesAreCataloguedAndTheirFilesStored() throws Exception {
        start(newArchive().addSource("hello", 20), Map.of());
        update();
        get(TestArchive.SUITE + "/main/source/Sources.xz");
        String dsc = "debian/pool/main/h/hello/hello_1.0.dsc";
        String orig = "debian/pool/main/h/hello/hello_1.0.orig.tar.xz";
        awaitEntry(dsc);
        assertArrayEquals(archive.bytes(dsc), get(dsc).body());
        assertArrayEquals(archive.bytes(orig), get(orig).body());
        store.whenStored(listener.entryFor(mirror.authority(), orig).orElseThrow()).get(10, TimeUnit.SECONDS);
        assertTrue(heard.stream().anyMatch(PackagesIndex::isSources));
        assertTrue(heard.stream().filter(PackagesIndex::isSources).allMatch(i -> i.entries().stream()
                .allMatch(e -> e.source())));
    }

    @Test
    public void aDotSegmentAsAptSendsForFlatRepositoriesPassesJetty() throws Exception {
        start(newArchive(), Map.of());
        RawHttp.Reply reply = get(TestArchive.SUITE + "/./InRelease");
        assertEquals(200, reply.status());
        assertArrayEquals(archive.bytes(IN_RELEASE), reply.body());
        assertTrue(mirror.log().toString(), mirror.log().get(0).startsWith("GET /" + IN_RELEASE));
    }

    private void startAgain(Map<String, Object> overrides) throws Exception {
        server.stop();
        listener.deactivate();
        Map<String, Object> config = new HashMap<>(Map.of("allowedMirrors", new String[] {mirror.authority()},
                "keyrings", new String[] {TestSigner.KEYRING.toAbsolutePath().toString()}));
        config.putAll(overrides);
        listener = new AptListener(Configs.of(AptListenerConfiguration.class, config),
                Configs.home(folder.getRoot().toPath().resolve("home")), clock);
        Configs.inject(listener, "governor", governor);
        Configs.inject(listener, "store", store);
        Configs.inject(listener, "parser", new DefaultControlParser());
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(listener), "/*");
        server.setHandler(context);
        server.start();
        port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    private void update() throws Exception {
        assertEquals(200, get(IN_RELEASE).status());
    }

    private void awaitEntry(String path) {
        assertTrue(path, listener.catalog().entryAwaiting(mirror.authority(), path, Duration.ofSeconds(10)).isPresent()
                || awaitLater(path));
    }

    /** The refresh runs on a download thread: wait for its parse, bounded. */
    private boolean awaitLater(String path) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (listener.catalog().entryAwaiting(mirror.authority(), path, Duration.ofMillis(200)).isPresent()) {
                return true;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return false;
    }

    private RawHttp.Reply get(String path) throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.send(RawHttp.request("GET", "/" + mirror.authority() + "/" + path, "localhost:" + port));
            return http.read(false);
        }
    }

    /** The system clock, moved ahead by the test instead of waiting (the listener's index freshness). */
    private static final class MovedClock extends java.time.Clock {
        volatile Duration ahead = Duration.ZERO;

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now().plus(ahead);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
