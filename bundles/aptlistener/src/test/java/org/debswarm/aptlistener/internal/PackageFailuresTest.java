package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.debswarm.storage.StoredFile;
import org.debswarm.storage.WriteAbortedException;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A mirror failing while the node downloads a listed package into the store, seen from apt's side: a 5xx
 * (after the governor's retries) is a 502 with the mirror's status in the reason, a mirror that never answers
 * is a 504 within {@code debDeadline}, and a connection dropped halfway reaches apt as a cut transfer. In each
 * case nothing is stored and the next request fetches the file again.
 */
public class PackageFailuresTest {

    private static final String DEB = "debian/pool/main/m/medium/medium_1.0_all.deb";
    private static final int SIZE = 1 << 20;
    private static final int ATTEMPTS = 3;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private Path home;
    private ListenerRig rig;

    @Before
    public void start() throws Exception {
        TestArchive archive = new TestArchive(folder.newFolder("mirror").toPath()).add("medium", SIZE, 7).publish();
        home = folder.newFolder("home").toPath();
        rig = new ListenerRig(archive, home, Map.of("debDeadline", 2L),
                Map.of("maxAttempts", ATTEMPTS, "backoffInitialMillis", 20L, "backoffMaxMillis", 50L));
        rig.catalogue();
    }

    @After
    public void stop() throws Exception {
        rig.close();
    }

    @Test
    public void a500FromTheMirrorIsA502WithTheReasonAfterTheRetries() throws Exception {
        assertMirrorStatusIs502(500);
    }

    @Test
    public void a503FromTheMirrorIsA502WithTheReasonAfterTheRetries() throws Exception {
        assertMirrorStatusIs502(503);
    }

    private void assertMirrorStatusIs502(int status) throws Exception {
        rig.mirror.fail("/" + DEB, status);
        CompletableFuture<StoredFile> attempt = rig.store.whenStored(rig.entry(DEB));
        RawHttp.Reply reply = rig.get(DEB);
        assertEquals(502, reply.status());
        assertTrue(reply.text(), reply.text().contains("mirror " + rig.mirror.authority() + " answered " + status));
        assertEquals("the governor tried " + ATTEMPTS + " times", ATTEMPTS, rig.mirror.count("/" + DEB));
        assertNothingStored(attempt);

        rig.mirror.heal("/" + DEB);
        assertFetchedAgainAndStored(ATTEMPTS + 1);
    }

    @Test
    public void aMirrorThatNeverAnswersIsA504WithinTheDeadline() throws Exception {
        rig.mirror.hang("/" + DEB); // answers after 8 s, long after debDeadline (2 s)
        CompletableFuture<StoredFile> attempt = rig.store.whenStored(rig.entry(DEB));
        long start = System.nanoTime();
        RawHttp.Reply reply = rig.get(DEB);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(reply.text(), 504, reply.status());
        assertTrue(reply.text(), reply.text().contains(rig.mirror.authority()));
        assertTrue("answered after the 2 s deadline, before the mirror would have: " + millis + " ms",
                millis >= 1_900 && millis < 7_000);
        assertNothingStored(attempt);
    }

    @Test
    public void aConnectionDroppedHalfwayIsACutTransferNothingIsStoredAndTheNextRequestFetchesAgain()
            throws Exception {
        rig.mirror.cutOnce("/" + DEB, SIZE / 2);
        CompletableFuture<StoredFile> attempt = rig.store.whenStored(rig.entry(DEB));
        RawHttp.Reply reply = rig.get(DEB);
        if (reply.status() == 200) {
            assertNull("a 200 must end short of its Content-Length, never complete", reply.body());
            assertEquals(Integer.toString(SIZE), reply.headers().get("content-length"));
        } else { // the abort came before the node had sent anything: then the status says it
            assertEquals(502, reply.status());
            assertTrue(reply.text(), reply.text().contains(rig.mirror.authority()));
        }
        assertNothingStored(attempt);

        assertFetchedAgainAndStored(2);
    }

    /**
     * The write begun for the failed download ends aborted (an event from the store, after it deleted its
     * partial file): nothing stored, nothing at the final path, no partial left.
     */
    private void assertNothingStored(CompletableFuture<StoredFile> attempt) throws Exception {
        try {
            StoredFile stored = attempt.get(10, TimeUnit.SECONDS);
            throw new AssertionError("stored after a mirror failure: " + stored);
        } catch (ExecutionException e) {
            assertTrue(e.getCause().toString(), e.getCause() instanceof WriteAbortedException);
        }
        assertFalse("no stored copy", rig.store.lookup(rig.mirror.authority(), DEB).isPresent());
        assertFalse("nothing at the final path",
                Files.exists(home.resolve("mirrors").resolve(rig.mirror.authority()).resolve(DEB)));
        Path partial = home.resolve("partial").resolve(rig.entry(DEB).sha256() + ".part");
        assertFalse("no partial file left: " + partial, Files.exists(partial));
    }

    private void assertFetchedAgainAndStored(long mirrorRequests) throws Exception {
        RawHttp.Reply again = rig.get(DEB);
        assertEquals(200, again.status());
        assertArrayEquals(rig.archive.bytes(DEB), again.body());
        assertEquals(mirrorRequests, rig.mirror.count("/" + DEB));
        rig.store.whenStored(rig.entry(DEB)).get(10, TimeUnit.SECONDS);
        assertTrue(rig.store.lookup(rig.mirror.authority(), DEB).isPresent());
    }
}
