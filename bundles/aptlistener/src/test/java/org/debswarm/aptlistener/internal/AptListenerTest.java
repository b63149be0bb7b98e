package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.debswarm.governor.internal.JettyHttpGovernor;
import org.debswarm.governor.internal.JettyHttpGovernorConfiguration;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.storage.internal.FileSystemPieceStoreConfiguration;
import org.eclipse.jetty.server.Server;
import org.h2.util.OsgiDataSourceFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The listener as a servlet in a real Jetty, over the real governor, store and parser, against a mirror on
 * loopback: both request forms, index caching and revalidation, packages stored and shared, and every
 * error apt may meet.
 */
public class AptListenerTest {

    static final String SMALL = "debian/pool/main/s/small/small_1.0_all.deb";
    static final String BIG = "debian/pool/main/b/big/big_1.0_all.deb";
    static final String BAD = "debian/pool/main/c/corrupt/corrupt_1.0_all.deb";
    static final String UNLISTED = "debian/pool/main/u/unlisted/unlisted_1.0_all.deb";

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private TestArchive archive;
    private MirrorServer mirror;
    private JettyHttpGovernor governor;
    private FileSystemPieceStore store;
    private AptListener listener;
    private Server server;
    private int port;

    @Before
    public void start() throws Exception {
        archive = new TestArchive(folder.newFolder("mirror").toPath())
                .add("small", 10_000, 1).add("big", 3 << 20, 2).add("corrupt", 50_000, 3, true)
                .addUnlisted(UNLISTED, 20_000, 4).publish();
        mirror = new MirrorServer(archive.root);
        Path home = folder.newFolder("home").toPath();
        governor = new JettyHttpGovernor(Configs.of(JettyHttpGovernorConfiguration.class,
                Map.of("maxAttempts", 1, "idleTimeoutMillis", 3000L)));
        store = new FileSystemPieceStore(Configs.of(FileSystemPieceStoreConfiguration.class, Map.of()),
                Configs.home(home), new OsgiDataSourceFactory(new org.h2.Driver()));
        startListener(Map.of());
    }

    private void startListener(Map<String, Object> overrides) throws Exception {
        stopListener();
        Map<String, Object> config = new HashMap<>(Map.of("allowedMirrors", new String[] {mirror.authority(), "deb.debian.org"},
                "indexDeadline", 3L, "debDeadline", 20L, "catalogWait", 10L,
                "keyrings", new String[] {TestSigner.KEYRING.toAbsolutePath().toString()}));
        config.putAll(overrides);
        listener = new AptListener(Configs.of(AptListenerConfiguration.class, config),
                Configs.home(folder.getRoot().toPath().resolve("home")));
        Configs.inject(listener, "governor", governor);
        Configs.inject(listener, "store", store);
        Configs.inject(listener, "parser", new DefaultControlParser());
        server = LoopbackJetty.serve(listener);
        port = LoopbackJetty.port(server);
    }

    private void stopListener() throws Exception {
        if (server != null) {
            server.stop();
            listener.deactivate();
        }
    }

    @After
    public void stop() throws Exception {
        stopListener();
        mirror.close();
        store.close();
        governor.close();
    }

    @Test
    public void anIndexIsFetchedCachedAndRevalidatedOnEveryRequest() throws Exception {
        String release = TestArchive.SUITE + "/Release";
        RawHttp.Reply first = get(release);
        assertEquals(200, first.status());
        assertArrayEquals(archive.bytes(release), first.body());
        assertTrue(first.headers().containsKey("last-modified"));

        RawHttp.Reply second = get(release);
        assertEquals(200, second.status());
        assertArrayEquals(archive.bytes(release), second.body());
        assertEquals("the second request was a conditional one", "GET /" + release + " IMS", mirror.log().get(1));

        RawHttp.Reply notModified = get(release, "If-Modified-Since: " + first.headers().get("last-modified"));
        assertEquals(304, notModified.status());
        assertEquals(3, mirror.count("/" + release));
    }

    @Test
    public void bothRequestFormsReachTheSameMirror() throws Exception {
        String release = TestArchive.SUITE + "/Release";
        try (RawHttp http = new RawHttp(port)) {
            http.send(RawHttp.request("GET", "http://" + mirror.authority() + "/" + release, mirror.authority()));
            RawHttp.Reply proxied = http.read(false);
            assertEquals(200, proxied.status());
            assertArrayEquals(archive.bytes(release), proxied.body());
            http.send(RawHttp.request("HEAD", "/" + mirror.authority() + "/" + release, "localhost:" + port));
            RawHttp.Reply head = http.read(true);
            assertEquals(200, head.status());
            assertEquals(Long.toString(archive.bytes(release).length), head.headers().get("content-length"));
        }
    }

    @Test
    public void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            String host = "localhost:" + port;
            http.send(RawHttp.request("GET", "/" + mirror.authority() + "/" + TestArchive.SUITE + "/Release", host)
                    + RawHttp.request("GET", "/" + mirror.authority() + "/" + TestArchive.PACKAGES, host)
                    + RawHttp.request("GET", "/" + mirror.authority() + "/" + SMALL, host));
            assertArrayEquals(archive.bytes(TestArchive.SUITE + "/Release"), http.read(false).body());
            assertArrayEquals(archive.bytes(TestArchive.PACKAGES), http.read(false).body());
            assertArrayEquals(archive.bytes(SMALL), http.read(false).body());
        }
    }

    @Test
    public void aRequestArrivingByteByByteIsServed() throws Exception {
        String release = TestArchive.SUITE + "/Release";
        byte[] head = RawHttp.request("GET", "/" + mirror.authority() + "/" + release, "localhost:" + port)
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (RawHttp http = new RawHttp(port)) {
            for (byte b : head) {
                http.send(new String(new byte[] {b}, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            assertArrayEquals(archive.bytes(release), http.read(false).body());
        }
    }

    @Test
    public void aListedPackageIsStoredAndServedFromTheStoreAfterwards() throws Exception {
        get(TestArchive.SUITE + "/InRelease"); // apt reads the signed Release first
        assertEquals(200, get(TestArchive.PACKAGES + ".xz").status());
        RawHttp.Reply first = get(SMALL);
        assertEquals(200, first.status());
        assertArrayEquals(archive.bytes(SMALL), first.body());
        awaitStored(SMALL);

        RawHttp.Reply second = get(SMALL);
        assertArrayEquals(archive.bytes(SMALL), second.body());
        assertEquals("one download from the mirror", 1, mirror.count("/" + SMALL));

        RawHttp.Reply part = get(SMALL, "Range: bytes=9000-");
        assertEquals(206, part.status());
        assertEquals("bytes 9000-9999/10000", part.headers().get("content-range"));
        assertArrayEquals(Arrays.copyOfRange(archive.bytes(SMALL), 9000, 10000), part.body());
        assertEquals(416, get(SMALL, "Range: bytes=10000-").status());
        assertEquals(1, mirror.count("/" + SMALL));
    }

    /** The store stays the truth while it answers from memory: a served file deleted or changed on disk is noticed. */
    @Test
    public void aStoredFileDeletedOrChangedOnDiskIsFetchedAgain() throws Exception {
        get(TestArchive.SUITE + "/InRelease");
        get(TestArchive.PACKAGES);
        get(SMALL);
        awaitStored(SMALL);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(archive.bytes(SMALL), get(SMALL).body());
        }
        assertEquals(1, mirror.count("/" + SMALL));
        java.nio.file.Path file = store.lookup(mirror.authority(), SMALL).orElseThrow().file();

        java.nio.file.Files.delete(file);
        assertArrayEquals("deleted: fetched again, not a stale answer", archive.bytes(SMALL), get(SMALL).body());
        assertEquals(2, mirror.count("/" + SMALL));
        awaitStored(SMALL);
        assertArrayEquals(archive.bytes(SMALL), get(SMALL).body());
        assertEquals(2, mirror.count("/" + SMALL));

        file = store.lookup(mirror.authority(), SMALL).orElseThrow().file();
        java.nio.file.attribute.FileTime before = java.nio.file.Files.getLastModifiedTime(file);
        java.nio.file.Files.write(file, new byte[10_000]); // same size, other bytes, a later time
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(before.toMillis() + 2000));
        assertArrayEquals("changed: fetched again", archive.bytes(SMALL), get(SMALL).body());
        assertEquals(3, mirror.count("/" + SMALL));
    }

    @Test
    public void twoClientsOfOneFileCauseOneDownloadAndBothGetIt() throws Exception {
        get(TestArchive.SUITE + "/InRelease"); // apt reads the signed Release first
        get(TestArchive.PACKAGES);
        CompletableFuture<Void> held = mirror.hold("/" + BIG);
        CompletableFuture<RawHttp.Reply> one = CompletableFuture.supplyAsync(() -> quietGet(BIG));
        held.get(60, TimeUnit.SECONDS); // the first client's download is under way, the rest of it held
        try (RawHttp two = new RawHttp(port)) {
            two.send(RawHttp.request("GET", "/" + mirror.authority() + "/" + BIG, "localhost:" + port));
            RawHttp.Reply head = two.read(true); // answered while the mirror still holds the rest
            assertEquals(200, head.status());
            mirror.release("/" + BIG);
            assertArrayEquals(archive.bytes(BIG), two.body(head));
        }
        assertArrayEquals(archive.bytes(BIG), one.get(60, TimeUnit.SECONDS).body());
        assertEquals(1, mirror.count("/" + BIG));
    }

    @Test
    public void aCorruptCopyReachesAptOnlyAsAFailedTransferAndIsNotStored() throws Exception {
        get(TestArchive.SUITE + "/InRelease"); // apt reads the signed Release first
        get(TestArchive.PACKAGES + ".xz");
        try (RawHttp http = new RawHttp(port)) {
            http.send(RawHttp.request("GET", "/" + mirror.authority() + "/" + BAD, "localhost:" + port));
            RawHttp.Reply reply = http.read(false);
            assertTrue("either an error status or a body cut short: " + reply.status(),
                    reply.status() == 502 || reply.body() == null);
        }
        assertFalse(store.lookup(mirror.authority(), BAD).isPresent());
        get(BAD);
        assertEquals("not stored: fetched again", 2, mirror.count("/" + BAD));
    }

    @Test
    public void anUnlistedPackageIsPassedThroughUnstored() throws Exception {
        get(TestArchive.SUITE + "/InRelease"); // apt reads the signed Release first
        get(TestArchive.PACKAGES);
        assertArrayEquals(archive.bytes(UNLISTED), get(UNLISTED).body());
        assertArrayEquals(archive.bytes(UNLISTED), get(UNLISTED).body());
        assertEquals(2, mirror.count("/" + UNLISTED));
        assertFalse(store.lookup(mirror.authority(), UNLISTED).isPresent());
        RawHttp.Reply part = get(UNLISTED, "Range: bytes=100-199");
        assertEquals(206, part.status());
        assertArrayEquals(Arrays.copyOfRange(archive.bytes(UNLISTED), 100, 200), part.body());
    }

    @Test
    public void aByHashNameIsCataloguedUnderTheIndexItStandsFor() throws Exception {
        get(TestArchive.SUITE + "/Release");
        get(TestArchive.SUITE + "/Release.gpg"); // the detached signature verifies the Release read before
        byte[] packed = archive.bytes(TestArchive.PACKAGES + ".xz");
        String byHash = TestArchive.SUITE + "/main/binary-amd64/by-hash/SHA256/" + TestArchive.sha256(packed);
        java.nio.file.Path file = archive.root.resolve(byHash);
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.write(file, packed);
        assertArrayEquals(packed, get(byHash).body());
        assertArrayEquals(packed, get(byHash).body());
        assertEquals("by-hash files never change: no revalidation", 1, mirror.count("/" + byHash));
        assertTrue(listener.catalog().entryAwaiting(mirror.authority(), SMALL, Duration.ofSeconds(10)).isPresent());
        assertEquals(TestArchive.PACKAGES + ".xz", listener.indexes().get(0).path());
    }

    @Test
    public void aChangedIndexThatAptPatchesItselfIsFetchedForTheCatalog() throws Exception {
        String release = TestArchive.SUITE + "/InRelease";
        get(release);
        get(TestArchive.PACKAGES + ".xz");
        archive.add("fresh", 5000, 9).publish();
        java.nio.file.Files.setLastModifiedTime(archive.root.resolve(release),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(60)));
        assertArrayEquals(archive.bytes(release), get(release).body()); // apt would now fetch pdiffs, not Packages
        String fresh = "debian/pool/main/f/fresh/fresh_1.0_all.deb";
        assertArrayEquals(archive.bytes(fresh), get(fresh).body());
        awaitStored(fresh);
        assertEquals("the node fetched the new index itself", 2, mirror.count("/" + TestArchive.PACKAGES + ".xz"));
    }

    @Test
    public void mirrorErrorsAreClearToApt() throws Exception {
        assertEquals(404, get("debian/dists/test/main/binary-amd64/Packages.bz2").status());
        assertEquals(404, get("debian/pool/main/n/none/none_1.0_all.deb").status());
        mirror.hang("/" + TestArchive.SUITE + "/InRelease");
        RawHttp.Reply timeout = get(TestArchive.SUITE + "/InRelease");
        assertEquals(504, timeout.status());
        assertTrue(timeout.text(), timeout.text().contains("mirror"));
    }

    @Test
    public void aMirrorThatIsDownGets502() throws Exception {
        int dead;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = socket.getLocalPort(); // closed again: nothing listens there
        }
        startListener(Map.of("allowedMirrors", new String[] {"127.0.0.1:" + dead}));
        RawHttp.Reply down = getFrom("127.0.0.1:" + dead, TestArchive.SUITE + "/Release");
        assertEquals(502, down.status());
        assertTrue(down.text(), down.text().contains("127.0.0.1"));
    }

    @Test
    public void refusesWhatIsNotAnArchiveRequestAndKeepsServing() throws Exception {
        assertEquals(403, raw("GET /evil.example/debian/dists/x/Release HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        assertEquals(403, raw("GET http://evil.example/debian/dists/x/Release HTTP/1.1\r\nHost: evil.example\r\n\r\n"));
        assertEquals(403, raw("GET /" + mirror.authority() + "/debian/README HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        assertEquals(400, raw("GET /" + mirror.authority() + "/debian/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        assertEquals(400, raw("GET /" + mirror.authority() + "/debian/pool%2f..%2fx.deb HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        int dots = raw("GET /" + mirror.authority() + "/debian/../../etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertTrue("traversal refused: " + dots, dots == 400 || dots == 403);
        assertEquals(414, raw("GET /" + mirror.authority() + "/debian/pool/" + "x".repeat(3000) + ".deb HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        assertEquals(405, raw("POST /" + mirror.authority() + "/" + SMALL + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(400, raw("GARBAGE\r\n\r\n"));
        assertEquals(200, get(TestArchive.SUITE + "/Release").status());
    }

    @Test
    public void clientsOutsideTheAllowedRangesGet403() throws Exception {
        startListener(Map.of("allowedClients", new String[] {"10.0.0.0/8"}));
        RawHttp.Reply refused = get(TestArchive.SUITE + "/Release");
        assertEquals(403, refused.status());
        assertTrue(refused.text(), refused.text().contains("allowedClients"));
        assertEquals(0, mirror.log().size());
    }

    private void awaitStored(String path) throws Exception {
        store.whenStored(listener.entryFor(mirror.authority(), path).orElseThrow()).get(10, TimeUnit.SECONDS);
    }

    private RawHttp.Reply get(String path, String... headers) throws Exception {
        return getFrom(mirror.authority(), path, headers);
    }

    private RawHttp.Reply getFrom(String authority, String path, String... headers) throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.send(RawHttp.request("GET", "/" + authority + "/" + path, "localhost:" + port, headers));
            return http.read(false);
        }
    }

    private RawHttp.Reply quietGet(String path) {
        try {
            return get(path);
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private int raw(String request) throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.send(request);
            return http.read(false).status();
        }
    }

    static void assertNoBody(RawHttp.Reply reply) {
        assertNull(reply.body());
    }
}
