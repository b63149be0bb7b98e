package org.debswarm.governor.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.debswarm.governor.Compression;
import org.debswarm.governor.ContentRange;
import org.debswarm.governor.MirrorException;
import org.debswarm.governor.MirrorException.Reason;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/** HTTP semantics through the governor: answers, validators, ranges, retries, failover, redirects, decoding. */
public class GovernorProtocolTest extends GovernorTestSupport {

    /** From the shared data beside the checkout: -Ddebswarm.shared (set by the parent pom), else ../shared. */
    private static final Path REAL_PACKAGES_XZ = Paths.get(System.getProperty("debswarm.shared", "../../../shared"),
            "data/debian/bookworm/main/binary-all/Packages.xz");

    @Test
    public void notFoundIsAnAnswerNotAFailure() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.files(temp.getRoot().toPath())));
        JettyHttpGovernor governor = governor();
        try (MirrorResponse response = response(governor.fetch(MirrorRequest.get(mirror.uri("/missing.deb")).build()))) {
            assertStatus(404, response);
        }
        assertEquals("not retried", 1, mirror.requests.get());
        assertEquals(0, governor.snapshot().total().errors());
        assertReleased(governor);
    }

    @Test
    public void notModifiedIsSurfacedForBothValidators() throws Exception {
        file("dists/bookworm/InRelease", "Origin: Debian\n".getBytes());
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.files(temp.getRoot().toPath())));
        JettyHttpGovernor governor = governor();
        MirrorResponse first = response(governor.fetch(MirrorRequest.get(mirror.uri("/dists/bookworm/InRelease")).build()));
        assertStatus(200, first);
        GovernorLimitsTest.readAndClose(first);

        try (MirrorResponse bySince = response(governor.fetch(MirrorRequest.get(mirror.uri("/dists/bookworm/InRelease"))
                .ifModifiedSince(first.lastModified().orElseThrow()).build()))) {
            assertStatus(304, bySince);
            assertEquals(-1, bySince.body().read());
        }
        try (MirrorResponse byTag = response(governor.fetch(MirrorRequest.get(mirror.uri("/dists/bookworm/InRelease"))
                .ifNoneMatch(first.etag().orElseThrow()).build()))) {
            assertStatus(304, byTag);
        }
        assertEquals("one connection, kept alive across the three requests", 1, mirror.maxOpenConnections.get());
        assertReleased(governor);
    }

    @Test
    public void rangeRequestsSurfacePartialContentWithItsRange() throws Exception {
        byte[] data = random(1 << 20);
        file("pool/main/big.deb", data);
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.files(temp.getRoot().toPath())));
        JettyHttpGovernor governor = governor();

        try (MirrorResponse middle = response(governor.fetch(
                MirrorRequest.get(mirror.uri("/pool/main/big.deb")).range(1000, 1999).build()))) {
            assertStatus(206, middle);
            assertEquals(ContentRange.parse("bytes 1000-1999/1048576"), middle.contentRange().orElseThrow());
            assertArrayEquals(Arrays.copyOfRange(data, 1000, 2000), middle.body().readAllBytes());
        }
        try (MirrorResponse tail = response(governor.fetch(
                MirrorRequest.get(mirror.uri("/pool/main/big.deb")).rangeFrom(data.length - 10).build()))) {
            assertStatus(206, tail);
            assertEquals(data.length - 1, tail.contentRange().orElseThrow().last());
            assertArrayEquals(Arrays.copyOfRange(data, data.length - 10, data.length), tail.body().readAllBytes());
        }
        assertReleased(governor);
    }

    @Test
    public void aRangeOfSeveralMegabytesArrivesByteForByte() throws Exception {
        byte[] data = random(12 << 20);
        file("pool/main/twelve.deb", data);
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.files(temp.getRoot().toPath())));
        JettyHttpGovernor governor = governor();
        int first = (3 << 20) + 5;
        int last = (11 << 20) + 17;

        try (MirrorResponse part = response(governor.fetch(
                MirrorRequest.get(mirror.uri("/pool/main/twelve.deb")).range(first, last).build()))) {
            assertStatus(206, part);
            assertEquals(new ContentRange(first, last, OptionalLong.of(data.length)),
                    part.contentRange().orElseThrow());
            assertArrayEquals(Arrays.copyOfRange(data, first, last + 1), part.body().readAllBytes());
        }
        assertReleased(governor);
    }

    /**
     * A range near the end of a 200 MB file (sparse on disk, with marks written at known places): the
     * governor asks for the range only and streams it, whatever the size of the whole file.
     */
    @Test
    public void aRangeNearTheEndOfA200MegabyteFile() throws Exception {
        long size = 200L << 20;
        long first = size - (5 << 20) - 3;
        Path big = temp.getRoot().toPath().resolve("pool/main/big-sparse.deb");
        Files.createDirectories(big.getParent());
        byte[] mark = "debswarm".getBytes(StandardCharsets.US_ASCII);
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(size);
            for (long at : new long[] {first, first + (1 << 20), size - mark.length}) {
                file.seek(at);
                file.write(mark);
            }
        }
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.files(temp.getRoot().toPath())));
        JettyHttpGovernor governor = governor();

        try (MirrorResponse tail = response(governor.fetch(
                MirrorRequest.get(mirror.uri("/pool/main/big-sparse.deb")).rangeFrom(first).build()))) {
            assertStatus(206, tail);
            assertEquals(new ContentRange(first, size - 1, OptionalLong.of(size)), tail.contentRange().orElseThrow());
            byte[] expected = new byte[(int) (size - first)];
            System.arraycopy(mark, 0, expected, 0, mark.length);
            System.arraycopy(mark, 0, expected, 1 << 20, mark.length);
            System.arraycopy(mark, 0, expected, expected.length - mark.length, mark.length);
            assertArrayEquals(expected, tail.body().readAllBytes());
        }
        assertEquals("only the range crossed the wire", size - first,
                governor.snapshot().host(mirror.host()).orElseThrow().bytes());
        assertReleased(governor);
    }

    @Test
    public void aPartialAnswerForAnotherRangeIsAProtocolError() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.of((rq, rs, cb) -> {
            rs.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes 0-9/100");
            return MirrorHandlers.answer(rs, cb, 206, new byte[10]);
        })));
        JettyHttpGovernor governor = governor();
        MirrorException e = failure(governor.fetch(MirrorRequest.get(mirror.uri("/x.deb")).range(50, 59).build()));
        assertEquals(Reason.PROTOCOL_ERROR, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("starting at 0 (expected: 50, the first position asked for)"));
        assertReleased(governor);
    }

    @Test
    public void a503IsRetriedAndThe200Delivered() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.failFirst(1, 503, "payload".getBytes())));
        JettyHttpGovernor governor = governor("backoffInitialMillis", 100L);
        try (MirrorResponse response = response(governor.fetch(MirrorRequest.get(mirror.uri("/Release")).build()))) {
            assertStatus(200, response);
            assertArrayEquals("payload".getBytes(), response.body().readAllBytes());
        }
        assertEquals(2, mirror.requests.get());
        assertEquals(2, governor.snapshot().total().requests());
        assertEquals(1, governor.snapshot().total().errors());
        assertReleased(governor);
    }

    @Test
    public void aPersistent503IsDeliveredOnceTheAttemptsAreSpent() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.failFirst(100, 503, new byte[0])));
        JettyHttpGovernor governor = governor("maxAttempts", 3, "backoffInitialMillis", 50L);
        try (MirrorResponse response = response(governor.fetch(MirrorRequest.get(mirror.uri("/Release")).build()))) {
            assertStatus(503, response);
        }
        assertEquals(3, mirror.requests.get());
        assertReleased(governor);
    }

    @Test
    public void aRequestMarkedNotIdempotentIsNeverRetried() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.failFirst(1, 503, new byte[0])));
        JettyHttpGovernor governor = governor();
        try (MirrorResponse response = response(governor.fetch(
                MirrorRequest.get(mirror.uri("/Release")).idempotent(false).build()))) {
            assertStatus(503, response);
        }
        assertEquals(1, mirror.requests.get());
        assertReleased(governor);
    }

    @Test
    public void aDeadMirrorFailsOverToTheNextOfItsGroupAtOnce() throws Exception {
        file("debian/dists/bookworm/Release", "Suite: stable\n".getBytes());
        TestMirror dead = TestMirror.start(MirrorHandlers.fixed(200, new byte[0]));
        String deadHost = dead.host();
        dead.close();
        TestMirror alive = mirror(TestMirror.start(MirrorHandlers.files(temp.getRoot().toPath())));
        JettyHttpGovernor governor = governor("mirrorGroups", new String[] {deadHost + "|" + alive.host()},
                "backoffInitialMillis", 5_000L);

        long start = System.nanoTime();
        MirrorRequest request = MirrorRequest.get(URI("http://" + deadHost + "/debian/dists/bookworm/Release")).build();
        try (MirrorResponse response = response(governor.fetch(request))) {
            assertTakes(0, 2_000, start);
            assertStatus(200, response);
            assertEquals(alive.uri("/debian/dists/bookworm/Release"), response.servedBy());
            assertEquals(request.uri(), response.request().uri());
            assertArrayEquals("Suite: stable\n".getBytes(), response.body().readAllBytes());
        }
        assertEquals(1, governor.snapshot().host(deadHost).orElseThrow().errors());
        assertReleased(governor);
    }

    @Test
    public void a503FailsOverToTheNextMirror() throws Exception {
        TestMirror failing = mirror(TestMirror.start(MirrorHandlers.failFirst(100, 503, new byte[0])));
        TestMirror healthy = mirror(TestMirror.start(MirrorHandlers.fixed(200, "ok".getBytes())));
        JettyHttpGovernor governor = governor("mirrorGroups", new String[] {failing.host() + "|" + healthy.host()});
        try (MirrorResponse response = response(governor.fetch(MirrorRequest.get(failing.uri("/x")).build()))) {
            assertStatus(200, response);
            assertEquals(healthy.uri("/x"), response.servedBy());
        }
        assertEquals(1, failing.requests.get());
        assertReleased(governor);
    }

    @Test
    public void redirectsAreFollowedUnderTheTargetHostsLimits() throws Exception {
        TestMirror target = mirror(TestMirror.start(MirrorHandlers.fixed(200, "moved".getBytes())));
        TestMirror origin = mirror(TestMirror.start(MirrorHandlers.redirect(302, target.uri("/new/place").toString())));
        JettyHttpGovernor governor = governor();
        MirrorRequest request = MirrorRequest.get(origin.uri("/old"))
                .redirectsOnlyTo(uri -> allowed(uri, origin, target)).build();
        try (MirrorResponse response = response(governor.fetch(request))) {
            assertStatus(200, response);
            assertEquals(target.uri("/new/place"), response.servedBy());
            assertArrayEquals("moved".getBytes(), response.body().readAllBytes());
        }
        assertEquals(1, governor.snapshot().host(origin.host()).orElseThrow().requests());
        assertEquals(1, governor.snapshot().host(target.host()).orElseThrow().requests());
        assertReleased(governor);
    }

    /** Issue 15, F6: an allowed mirror answering 302 to the node's own console must not make the node fetch it. */
    @Test
    public void aRedirectToLoopbackOutsideTheAllowedMirrorsIsRefusedWithoutReachingIt() throws Exception {
        TestMirror console = mirror(TestMirror.start(MirrorHandlers.fixed(200, "debswarm_up 1".getBytes())));
        TestMirror allowed = mirror(TestMirror.start(MirrorHandlers.redirect(302, console.uri("/metrics").toString())));
        JettyHttpGovernor governor = governor();
        MirrorException e = failure(governor.fetch(MirrorRequest.get(allowed.uri("/debian/pool/x.deb"))
                .redirectsOnlyTo(uri -> allowed(uri, allowed)).build()));
        assertEquals(Reason.PROTOCOL_ERROR, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("redirect to " + console.uri("/metrics") + " refused"));
        assertEquals("never asked", 0, console.requests.get());
        assertEquals("not retried either", 1, allowed.requests.get());
        assertReleased(governor);
    }

    @Test
    public void everyHopIsCheckedAgain() throws Exception {
        TestMirror outside = mirror(TestMirror.start(MirrorHandlers.fixed(200, "secret".getBytes())));
        TestMirror second = mirror(TestMirror.start(MirrorHandlers.redirect(301, outside.uri("/stats.json").toString())));
        TestMirror first = mirror(TestMirror.start(MirrorHandlers.redirect(302, second.uri("/next").toString())));
        JettyHttpGovernor governor = governor();
        MirrorException e = failure(governor.fetch(MirrorRequest.get(first.uri("/start"))
                .redirectsOnlyTo(uri -> allowed(uri, first, second)).build()));
        assertTrue(e.getMessage(), e.getMessage().contains("redirect to " + outside.uri("/stats.json") + " refused"));
        assertEquals("the allowed hop was followed", 1, second.requests.get());
        assertEquals(0, outside.requests.get());
        assertReleased(governor);
    }

    @Test
    public void withoutARuleOnlyTheSameOriginIsFollowed() throws Exception {
        TestMirror elsewhere = mirror(TestMirror.start(MirrorHandlers.fixed(200, "x".getBytes())));
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.redirect(302, elsewhere.uri("/x").toString())));
        JettyHttpGovernor governor = governor();
        MirrorException e = failure(governor.fetch(MirrorRequest.get(mirror.uri("/a")).build()));
        assertTrue(e.getMessage(), e.getMessage().contains("refused"));
        assertEquals("another port of the same host is another origin", 0, elsewhere.requests.get());

        MirrorRequest request = MirrorRequest.get(URI.create("http://deb.debian.org/debian/x")).build();
        assertTrue(request.redirectAllowed(URI.create("http://DEB.debian.org:80/other")));
        assertTrue("the upgrade to https", request.redirectAllowed(URI.create("https://deb.debian.org/debian/x")));
        assertFalse(request.redirectAllowed(URI.create("http://127.0.0.1/metrics")));
        assertFalse(request.redirectAllowed(URI.create("http://deb.debian.org:8080/")));
        assertFalse(request.redirectAllowed(URI.create("http://deb.debian.org.evil.example/")));
        assertReleased(governor);
    }

    private static boolean allowed(URI uri, TestMirror... mirrors) {
        for (TestMirror m : mirrors) {
            if (m.host().equals(uri.getHost() + ":" + uri.getPort())) {
                return true;
            }
        }
        return false;
    }

    @Test
    public void aRedirectLoopEndsWithAProtocolError() throws Exception {
        TestMirror loop = mirror(TestMirror.start(MirrorHandlers.redirect(301, "/again")));
        JettyHttpGovernor governor = governor("maxRedirects", 3);
        MirrorException e = failure(governor.fetch(MirrorRequest.get(loop.uri("/start")).build()));
        assertEquals(Reason.PROTOCOL_ERROR, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("more than 3 redirects"));
        assertEquals(4, loop.requests.get());
        assertReleased(governor);
    }

    @Test
    public void compressedIndexFilesAreDecodedWhenAsked() throws Exception {
        byte[] original = packagesText(400);
        file("Packages.xz", xz(original));
        file("Packages.gz", gz(original));
        file("Packages.bz2", bz2(original));
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.files(temp.getRoot().toPath())));
        JettyHttpGovernor governor = governor();

        for (String name : new String[] {"Packages.xz", "Packages.gz", "Packages.bz2"}) {
            MirrorRequest request = MirrorRequest.get(mirror.uri("/" + name)).decode(Compression.AUTO_BY_SUFFIX).build();
            assertArrayEquals(name, original, GovernorLimitsTest.readAndClose(response(governor.fetch(request))));
        }
        MirrorRequest raw = MirrorRequest.get(mirror.uri("/Packages.xz")).build();
        assertArrayEquals(xz(original), GovernorLimitsTest.readAndClose(response(governor.fetch(raw))));
        assertReleased(governor);
    }

    @Test
    public void aRealDebianPackagesXzDecodesToWhatXzUtilsWouldGive() throws Exception {
        String missing = "shared data not found at " + REAL_PACKAGES_XZ.toAbsolutePath().normalize()
                + " (../shared beside the checkout, or -Ddebswarm.shared=DIR): skipped";
        if (!Files.isRegularFile(REAL_PACKAGES_XZ)) {
            System.err.println(missing); // surefire shows only the count of skipped tests
        }
        assumeTrue(missing, Files.isRegularFile(REAL_PACKAGES_XZ));
        Path served = file("debian/dists/bookworm/main/binary-all/Packages.xz", Files.readAllBytes(REAL_PACKAGES_XZ));
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.files(temp.getRoot().toPath())));
        JettyHttpGovernor governor = governor();

        String expected;
        try (InputStream local = new XZInputStream(Files.newInputStream(REAL_PACKAGES_XZ))) {
            expected = sha256(local);
        }
        MirrorRequest request = MirrorRequest.get(mirror.uri("/debian/dists/bookworm/main/binary-all/Packages.xz"))
                .decode(Compression.XZ).build();
        try (MirrorResponse response = response(governor.fetch(request))) {
            assertEquals(expected, sha256(response.body()));
        }
        assertEquals(Files.size(served), governor.snapshot().host(mirror.host()).orElseThrow().bytes());
        assertReleased(governor);
    }

    @Test
    public void headAnswersWithoutABody() throws Exception {
        file("pool/a.deb", random(12345));
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.files(temp.getRoot().toPath())));
        JettyHttpGovernor governor = governor();
        try (MirrorResponse response = response(governor.fetch(MirrorRequest.head(mirror.uri("/pool/a.deb")).build()))) {
            assertStatus(200, response);
            assertEquals(12345, response.contentLength().orElseThrow());
            assertTrue(response.lastModified().isPresent());
            assertFalse(response.contentRange().isPresent());
            assertEquals(-1, response.body().read());
        }
        assertReleased(governor);
    }

    // --- fixtures ---

    private Path file(String relative, byte[] content) throws IOException {
        Path path = temp.getRoot().toPath().resolve(relative);
        Files.createDirectories(path.getParent());
        return Files.write(path, content);
    }

    private static java.net.URI URI(String uri) {
        return java.net.URI.create(uri);
    }

    static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        return data;
    }

    private static byte[] packagesText(int entries) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < entries; i++) {
            text.append("Package: pkg").append(i).append("\nVersion: 1.").append(i)
                    .append("\nArchitecture: all\nFilename: pool/main/p/pkg").append(i).append("/pkg").append(i)
                    .append("_1.").append(i).append("_all.deb\nSize: ").append(1000 + i).append("\n\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] xz(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream xz = new XZOutputStream(out, new LZMA2Options())) {
            xz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] gz(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] bz2(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream bz2 = new BZip2CompressorOutputStream(out)) {
            bz2.write(data);
        }
        return out.toByteArray();
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) >= 0;) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
