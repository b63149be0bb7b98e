package org.debswarm.node.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.internal.EngineOptions;
import org.debswarm.peerwire.internal.PeerEngine;
import org.debswarm.peerwire.internal.swarm.SwarmOptions;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.SourceIndex;
import org.debswarm.torrent.internal.DefaultPackagesTorrentBuilder;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * apt asks for a package of a torrent whose session has not started yet, or is being started again: the want is
 * kept and reaches the session that runs next, so a file the apt listener stores afterwards is marked had. A real
 * engine and a real store on H2.
 */
public class KeptWantsTest {

    private static final String HOST = "deb.debian.org";
    private static final String PATH = "pool/main/p/pkg/pkg_1.0_amd64.deb";

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private FileSystemPieceStore store;
    private PeerEngine engine;
    private EngineSwarmControl control;
    private PackagesTorrent torrent;
    private byte[] content;

    @Before
    public void setUp() throws Exception {
        store = NodeTestSupport.store(folder.newFolder("node").toPath());
        engine = new PeerEngine(new EngineOptions(new InetSocketAddress("127.0.0.1", 0), 50, 0, 0,
                Duration.ofSeconds(5), Duration.ofMillis(500), SwarmOptions.DEFAULTS), store);
        control = new EngineSwarmControl(engine);
        content = new byte[200_000];
        new Random(7).nextBytes(content);
        DefaultPackagesTorrentBuilder builder = new DefaultPackagesTorrentBuilder(
                new SourceIndex(HOST, "debian/dists/bookworm/main/binary-amd64/Packages"));
        builder.add(PATH, content.length, NodeTestSupport.sha256(content), false);
        torrent = builder.build().architecture();
    }

    @After
    public void tearDown() throws Exception {
        engine.close();
        store.close();
    }

    @Test
    public void aWantBeforeTheStartMarksAFileStoredAfterTheStart() throws Exception {
        int piece = torrent.indexOf(PATH);
        CompletableFuture<Void> early = control.want(torrent.infoHash(), piece);
        assertFalse("no session yet: the want waits for it", early.isDone());

        control.start(torrent, new Origin(HOST, "debian/"));
        assertFalse("started, but nothing stored yet", torrent.had().get(piece));
        NodeTestSupport.put(store, HOST, "debian/" + PATH, content); // as the apt listener stores it

        early.get(10, TimeUnit.SECONDS);
        assertTrue("the stored file is had by the session", torrent.had().get(piece));
        assertEquals(content.length, engine.snapshot(torrent.infoHash()).orElseThrow().bytesHad());
    }

    @Test
    public void aWantSurvivesARestartOfItsSession() throws Exception {
        int piece = torrent.indexOf(PATH);
        control.start(torrent, new Origin(HOST, "debian/"));
        CompletableFuture<Void> want = control.want(torrent.infoHash(), piece);
        control.stop(torrent.infoHash()); // a configuration change: the node glue stops and starts its sessions
        assertFalse("the session stopped, the want stays", want.isDone());
        control.start(torrent, new Origin(HOST, "debian/"));
        NodeTestSupport.put(store, HOST, "debian/" + PATH, content);

        want.get(10, TimeUnit.SECONDS);
        assertTrue("the session started again has the file", torrent.had().get(piece));
    }

    @Test
    public void keptWantsAreBoundedAndTheOldestIsDropped() throws Exception {
        CompletableFuture<Void> oldest = control.want(torrent.infoHash(), 0);
        for (int i = 1; i < EngineSwarmControl.MAX_KEPT_WANTS; i++) {
            assertFalse(control.want(torrent.infoHash(), i).isDone());
        }
        assertFalse("at the bound, all kept", oldest.isDone());
        CompletableFuture<Void> beyond = control.want(torrent.infoHash(), EngineSwarmControl.MAX_KEPT_WANTS);
        assertFalse("the newest is kept", beyond.isDone());
        try {
            oldest.get(10, TimeUnit.SECONDS);
            fail("completed: " + oldest);
        } catch (ExecutionException expected) {
            assertTrue(expected.getCause().getMessage(), expected.getCause().getMessage().contains("oldest is dropped"));
        }
    }

    @Test
    public void aRunningSessionRefusesAPieceItDoesNotHave() throws Exception {
        control.start(torrent, new Origin(HOST, "debian/"));
        CompletableFuture<Void> outOfRange = control.want(torrent.infoHash(), 5);
        assertTrue("refused at once", outOfRange.isCompletedExceptionally());
    }
}
