package org.debswarm.governor;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.Test;

public class MirrorRequestTest {

    private static final URI INRELEASE = URI.create("http://deb.debian.org/debian/dists/bookworm/InRelease");

    @Test
    public void aPlainGetHasTheDefaults() {
        MirrorRequest r = MirrorRequest.get(INRELEASE).build();
        assertEquals(MirrorRequest.Method.GET, r.method());
        assertEquals(INRELEASE, r.uri());
        assertFalse(r.deadline().isPresent());
        assertFalse(r.range().isPresent());
        assertEquals(Compression.NONE, r.decode());
        assertTrue(r.idempotent());
        assertEquals("GET " + INRELEASE, r.toString());
    }

    @Test
    public void everyPartIsKept() {
        Instant since = Instant.parse("2024-06-01T10:00:00Z");
        MirrorRequest r = MirrorRequest.head(INRELEASE).deadline(Duration.ofSeconds(5)).ifModifiedSince(since)
                .ifNoneMatch("\"5f3a-1b2c\"").idempotent(false).build();
        assertEquals(MirrorRequest.Method.HEAD, r.method());
        assertEquals(Duration.ofSeconds(5), r.deadline().orElseThrow());
        assertEquals(since, r.ifModifiedSince().orElseThrow());
        assertEquals("\"5f3a-1b2c\"", r.ifNoneMatch().orElseThrow());
        assertFalse(r.idempotent());
        assertEquals("bytes=10-", MirrorRequest.get(INRELEASE).rangeFrom(10).build().range().orElseThrow().toHeaderValue());
    }

    @Test
    public void onlyAbsoluteHttpUrisWithoutCredentialsAreAccepted() {
        assertMessage("URI scheme 'ftp' in ftp://deb.debian.org/debian (expected: http or https)",
                () -> MirrorRequest.get(URI.create("ftp://deb.debian.org/debian")));
        assertMessage("URI scheme 'null' in /debian (expected: http or https)", () -> MirrorRequest.get(URI.create("/debian")));
        assertMessage("URI with user info (expected: no credentials in mirror URIs)",
                () -> MirrorRequest.get(URI.create("http://user:secret@deb.debian.org/")));
        assertMessage("URI http:/debian has no host (expected: an absolute URI with a host)",
                () -> MirrorRequest.get(URI.create("http:/debian")));
        assertMessage("URI length 8210 (expected: <= 8192)",
                () -> MirrorRequest.get(URI.create("http://deb.debian.org/" + "a".repeat(8188))));
    }

    @Test
    public void deadlinesMustBePositiveAndBounded() {
        assertMessage("deadline PT0S (expected: > 0 and <= PT24H)", () -> MirrorRequest.get(INRELEASE).deadline(Duration.ZERO));
        assertMessage("deadline PT25H (expected: > 0 and <= PT24H)",
                () -> MirrorRequest.get(INRELEASE).deadline(Duration.ofHours(25)));
    }

    @Test
    public void entityTagsCannotSmuggleHeaders() {
        assertMessage("If-None-Match value of length 12 (expected: 1 to 1024 visible ASCII characters)",
                () -> MirrorRequest.get(INRELEASE).ifNoneMatch("\"a\"\r\nX: evil"));
        assertMessage("If-None-Match value of length 0 (expected: 1 to 1024 visible ASCII characters)",
                () -> MirrorRequest.get(INRELEASE).ifNoneMatch(""));
    }

    @Test
    public void decodingCannotBeCombinedWithARange() {
        assertMessage("decode XZ with range bytes=0-99 (expected: decode NONE for range requests)",
                () -> MirrorRequest.get(INRELEASE).range(0, 99).decode(Compression.XZ).build());
    }

    private static void assertMessage(String message, org.junit.function.ThrowingRunnable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
