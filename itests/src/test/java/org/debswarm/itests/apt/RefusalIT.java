package org.debswarm.itests.apt;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.debswarm.itests.NodeProcess;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Requests that must not be proxied, sent over raw sockets to a real node: each gets its error status, and
 * the node keeps serving after every one.
 */
public class RefusalIT {

    @Rule
    public final TemporaryFolder work = new TemporaryFolder();

    private MirrorServer mirror;
    private NodeProcess node;
    private String release;

    @Before
    public void start() throws Exception {
        java.nio.file.Path root = work.newFolder("www").toPath();
        java.nio.file.Path dists = java.nio.file.Files.createDirectories(root.resolve(DebianArchive.DISTS));
        java.nio.file.Files.writeString(dists.resolve("Release"), "Suite: test\nCodename: test\n");
        mirror = new MirrorServer(root);
        node = AptNode.start(work.newFolder("node").toPath(), mirror);
        release = "/" + DebianArchive.DISTS + "/Release";
    }

    @After
    public void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mirror != null) {
            mirror.close();
        }
    }

    @Test
    public void pathTraversalsAreRefused() throws Exception {
        String m = "/" + mirror.authority();
        assertRefused(400, get(m + "/debian/../../../../etc/passwd", "localhost"));
        assertRefused(400, get(m + "/debian/%2e%2e/%2e%2e/etc/passwd", "localhost"));
        assertRefused(400, get(m + "/debian/pool%2f..%2f..%2fetc%2fpasswd", "localhost"));
        assertRefused(400, get(m + "/debian/pool/..%5c..%5cetc%5cpasswd.deb", "localhost"));
        assertRefused(400, get(m + "/debian/pool/x%00.deb", "localhost"));
        assertRefused(403, get(m + "/etc/passwd", "localhost"));
        assertEquals("nothing reached the mirror but the Release probes: " + mirror.log(), List.of(),
                mirror.log().stream().filter(l -> !l.contains(release)).toList());
    }

    @Test
    public void unknownMirrorsAreRefusedInBothFormsWithAHint() throws Exception {
        String prefix = exchange(get("/evil.example" + release, "localhost"));
        assertStatus(403, prefix);
        assertTrue(prefix, prefix.contains("allowedMirrors") && prefix.contains(AptNode.PID));
        assertRefused(403, "GET http://evil.example" + release + " HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    }

    @Test
    public void overlongAndMalformedRequestsAreRefused() throws Exception {
        assertRefused(414, get("/" + mirror.authority() + "/debian/pool/" + "x".repeat(4000) + ".deb", "localhost"));
        assertRefused(414, get("/" + mirror.authority() + "/debian/pool/" + "x".repeat(40_000) + ".deb", "localhost"));
        assertRefused(400, "GARBAGE\r\n\r\n");
        assertRefused(400, "GET /" + mirror.authority() + release + " HTTP/1.1\r\nHost: a\r\nNo colon here\r\n\r\n");
        assertRefused(405, "DELETE /" + mirror.authority() + release + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }

    private static String get(String target, String host) {
        return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    /** Sends a request and asserts its status, then that the node still serves an ordinary request. */
    private void assertRefused(int status, String request) throws Exception {
        assertStatus(status, exchange(request));
    }

    private void assertStatus(int status, String response) throws Exception {
        assertTrue("expected " + status + ", got:\n" + abbreviate(response), response.startsWith("HTTP/1.1 " + status + " "));
        assertEquals("the node keeps serving", 200, AptNode.status(node, "/" + mirror.authority() + release));
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", node.aptPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0 && out.size() < 65536; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }
}
