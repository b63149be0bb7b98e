package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.debswarm.aptlistener.Fill;
import org.debswarm.aptlistener.PackageSource;
import org.debswarm.storage.FileLease;
import org.debswarm.storage.FileWrite;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Constants;

/**
 * By-hash index files a verified Release lists go through the store and the package sources, as .debs do
 * (issue 13 item 6): a peer that has one spares the mirror, a stored one is served again without the mirror,
 * and what the mirror sent is stored, so that other nodes can have it. On the real listener, store (H2),
 * governor and parser, against a signed archive on loopback.
 */
public class SharedIndexesTest {

    private static final String IN_RELEASE = TestArchive.SUITE + "/InRelease";
    private static final String XZ = TestArchive.PACKAGES + ".xz";
    private static final String SMALL = AptListenerTest.SMALL;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private TestArchive archive;
    private Path home;
    private ListenerRig rig;

    @After
    public void close() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    public void whatTheMirrorSendsIsStoredUnderItsByHashName() throws Exception {
        start(true);
        rig.get(IN_RELEASE);
        RawHttp.Reply reply = rig.get(XZ); // the plain name: answered with the Release's version, by hash
        assertEquals(200, reply.status());
        assertArrayEquals(archive.bytes(XZ), reply.body());
        assertEquals("the mirror sent it once, by hash", 1, rig.mirror.count("/" + byHash()));
        try (FileLease stored = rig.store.use(rig.mirror.authority(), byHash()).orElseThrow()) {
            assertEquals(TestArchive.sha256(archive.bytes(XZ)), stored.file().key().sha256());
            assertEquals("listed, for the store's retention, while the newest verified Release lists it",
                    Optional.of(stored.file().key()), rig.listener.entryFor(rig.mirror.authority(), byHash()));
        }
        assertTrue("the catalog read it", rig.listener.catalog().entryAwaiting(rig.mirror.authority(), SMALL,
                java.time.Duration.ofSeconds(10)).isPresent());
    }

    @Test
    public void aSourceThatHasTheIndexFileSparesTheMirror() throws Exception {
        start(true);
        List<String> asked = new CopyOnWriteArrayList<>();
        rig.listener.addPackageSource(holding(archive.bytes(XZ), asked), source(10, 1L));
        rig.get(IN_RELEASE);
        RawHttp.Reply reply = rig.get(byHash());
        assertEquals(200, reply.status());
        assertArrayEquals(archive.bytes(XZ), reply.body());
        assertEquals(List.of(byHash()), asked);
        assertEquals("the mirror is not asked for it", 0, rig.mirror.count("/" + byHash()));
        assertEquals(0, rig.mirror.count("/" + XZ));
        assertTrue("the catalog read it", rig.listener.catalog().entryAwaiting(rig.mirror.authority(), SMALL,
                java.time.Duration.ofSeconds(10)).isPresent());
    }

    @Test
    public void aSourceSendingOtherBytesNeverReachesAptOrTheCache() throws Exception {
        start(true);
        byte[] wrong = archive.bytes(XZ).clone();
        wrong[wrong.length / 2] ^= 1;
        rig.listener.addPackageSource(holding(wrong, new CopyOnWriteArrayList<>()), source(10, 1L));
        rig.get(IN_RELEASE);
        RawHttp.Reply reply = rig.get(byHash());
        assertFalse("apt never gets a whole file that fails its hash",
                reply.status() == 200 && java.util.Arrays.equals(wrong, reply.body()));
        assertTrue("nothing stored", rig.store.use(rig.mirror.authority(), byHash()).isEmpty());
        String name = byHashName();
        try (java.util.stream.Stream<Path> cached = Files.walk(home.resolve("cache"))) {
            assertTrue("nothing cached under the by-hash name", cached.noneMatch(p -> p.endsWith(name)));
        }
    }

    @Test
    public void aStoredCopyIsServedAfterTheIndexCacheIsGone() throws Exception {
        start(true);
        rig.get(IN_RELEASE);
        rig.get(byHash());
        rig.close();
        delete(home.resolve("cache"));
        rig = new ListenerRig(archive, home, Map.of("indexDeadline", 5L));
        rig.get(IN_RELEASE);
        RawHttp.Reply reply = rig.get(byHash());
        assertEquals(200, reply.status());
        assertArrayEquals(archive.bytes(XZ), reply.body());
        assertEquals("from the store: the new mirror server is not asked", 0, rig.mirror.count("/" + byHash()));
    }

    @Test
    public void withoutAVerifiedReleaseTheByHashFileIsNotStored() throws Exception {
        archive = new TestArchive(folder.newFolder("mirror").toPath()).byHash().add("small", 10_000, 1).publish();
        home = folder.newFolder("home").toPath();
        rig = new ListenerRig(archive, home, Map.of("keyrings", new String[0], "indexDeadline", 5L));
        rig.get(IN_RELEASE);
        assertEquals(200, rig.get(byHash()).status());
        assertTrue("an index no trusted key signed is passed through, not shared",
                rig.store.use(rig.mirror.authority(), byHash()).isEmpty());
    }

    private void start(boolean byHash) throws Exception {
        TestArchive configured = new TestArchive(folder.newFolder("mirror").toPath());
        archive = (byHash ? configured.byHash() : configured).add("small", 10_000, 1).add("big", 100_000, 2)
                .publish();
        home = folder.newFolder("home").toPath();
        rig = new ListenerRig(archive, home, Map.of("indexDeadline", 5L));
    }

    private String byHash() throws Exception {
        return TestArchive.SUITE + "/main/binary-amd64/by-hash/SHA256/" + TestArchive.sha256(archive.bytes(XZ));
    }

    private String byHashName() throws Exception {
        return TestArchive.sha256(archive.bytes(XZ));
    }

    private static void delete(Path folder) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Map<String, Object> source(int ranking, long id) {
        return Map.of(Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, id);
    }

    /** A source, as a peer would be, that has one file's bytes and fills any write offered from them. */
    private static PackageSource holding(byte[] bytes, List<String> asked) {
        return (write, below) -> {
            asked.add(write.key().path());
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> fill(write, bytes));
            return Optional.of(new Fill() {
                @Override
                public CompletableFuture<Void> done() {
                    return done;
                }

                @Override
                public void stop() {
                }
            });
        };
    }

    private static void fill(FileWrite write, byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                write.writeAt(buffer.position(), buffer);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
