package org.debswarm.governor.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.debswarm.governor.MirrorException;
import org.debswarm.governor.MirrorException.Reason;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;
import org.junit.Test;

/** A caller may give up at any point, and the connection or queue place is released at once. */
public class GovernorCancellationTest extends GovernorTestSupport {

    @Test
    public void closingAResponseMidBodyReleasesItsConnection() throws Exception {
        Path big = temp.newFile("big.deb").toPath();
        Files.write(big, GovernorProtocolTest.random(8 << 20));
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.files(temp.getRoot().toPath())));
        JettyHttpGovernor governor = governor("maxConnectionsPerHost", 1);

        MirrorResponse response = response(governor.fetch(MirrorRequest.get(mirror.uri("/big.deb")).build()));
        InputStream body = response.body();
        assertEquals(1000, body.readNBytes(1000).length);
        assertEquals(1, governor.snapshot().total().active());
        response.close();

        assertReleased(governor);
        awaitTrue(Duration.ofSeconds(5), () -> mirror.openConnections.get() == 0, () -> "the mirror still sees a connection");
        assertTrue("far less than the file was transferred: " + governor.snapshot().total().bytes(),
                governor.snapshot().total().bytes() < 4 << 20);
        try (MirrorResponse again = response(governor.fetch(MirrorRequest.get(mirror.uri("/big.deb")).range(0, 9).build()))) {
            assertStatus(206, again);
        }
        assertReleased(governor);
    }

    @Test
    public void closingAShortUnreadAnswerKeepsTheConnectionForTheNextRequest() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.fixed(404, "<html>not here</html>".getBytes())));
        JettyHttpGovernor governor = governor();
        for (int i = 0; i < 3; i++) {
            try (MirrorResponse response = response(governor.fetch(MirrorRequest.get(mirror.uri("/missing")).build()))) {
                assertStatus(404, response);
            }
            assertReleased(governor);
        }
        assertEquals(3, mirror.requests.get());
        assertEquals("one connection, reused", 1, mirror.maxOpenConnections.get());
    }

    @Test
    public void aBodilessAnswerLeftOpenNeitherHoldsItsConnectionNorReadsTheNextExchange() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.of((rq, rs, cb) -> rq.getHttpURI().getPath().equals("/a")
                ? MirrorHandlers.answer(rs, cb, 304, new byte[0])
                : MirrorHandlers.answer(rs, cb, 200, "second answer".getBytes()))));
        JettyHttpGovernor governor = governor("maxConnectionsPerHost", 1);
        try (MirrorResponse unread = response(governor.fetch(MirrorRequest.get(mirror.uri("/a")).build()))) {
            assertStatus(304, unread);
            // Its exchange is over without a read, so the one connection goes on to the next request.
            MirrorResponse next = response(governor.fetch(MirrorRequest.get(mirror.uri("/b")).build()));
            assertEquals(-1, unread.body().read());
            assertArrayEquals("second answer".getBytes(), GovernorLimitsTest.readAndClose(next));
        }
        assertEquals(1, mirror.maxOpenConnections.get());
        assertReleased(governor);
    }

    @Test
    public void cancellingAQueuedRequestGivesUpItsPlace() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(m -> MirrorHandlers.delayed(m, 500, "first".getBytes())));
        JettyHttpGovernor governor = governor("maxConnectionsPerHost", 1);
        CompletableFuture<MirrorResponse> first = governor.fetch(MirrorRequest.get(mirror.uri("/first")).build());
        CompletableFuture<MirrorResponse> second = governor.fetch(MirrorRequest.get(mirror.uri("/second")).build());
        assertEquals(1, governor.snapshot().total().queued());

        assertTrue(second.cancel(true));
        assertEquals(0, governor.snapshot().total().queued());
        assertArrayEquals("first".getBytes(), GovernorLimitsTest.readAndClose(response(first)));
        assertReleased(governor);
        assertEquals("the cancelled request was never sent", 1, mirror.requests.get());
    }

    @Test
    public void cancellingWhileWaitingForTheHeadersClosesTheConnection() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.of((rq, rs, cb) -> {
            rq.addFailureListener(cb::failed);
            return true; // never answers
        })));
        JettyHttpGovernor governor = governor();
        CompletableFuture<MirrorResponse> pending = governor.fetch(MirrorRequest.get(mirror.uri("/slow")).build());
        awaitTrue(Duration.ofSeconds(5), () -> mirror.activeRequests.get() == 1, () -> "request never arrived");

        pending.cancel(true);
        assertReleased(governor);
        // The mirror, idle in its handler, notices only at its own idle timeout; the governor's side is what counts.
        awaitTrue(Duration.ofSeconds(5), () -> governor.openConnections() == 0, () -> "the governor still holds a connection");
        assertEquals(0, governor.snapshot().total().errors());
    }

    @Test
    public void stoppingTheGovernorEndsEveryCallPromptly() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(m -> MirrorHandlers.delayed(m, 10_000, new byte[1])));
        JettyHttpGovernor governor = new JettyHttpGovernor(Configs.of("maxConnectionsPerHost", 1));
        List<CompletableFuture<MirrorResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(governor.fetch(MirrorRequest.get(mirror.uri("/f" + i)).build()));
        }
        awaitTrue(Duration.ofSeconds(5), () -> mirror.activeRequests.get() == 1, () -> "request never arrived");

        long start = System.nanoTime();
        governor.close();
        for (CompletableFuture<MirrorResponse> call : calls) {
            MirrorException e = failure(call);
            assertEquals(e.getMessage(), Reason.SHUTDOWN, e.reason());
        }
        assertTakes(0, 2_000, start);
        assertEquals(Reason.SHUTDOWN, failure(governor.fetch(MirrorRequest.get(mirror.uri("/late")).build())).reason());
    }
}
