package org.debswarm.itests.apt;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.Before;
import org.junit.Test;

/**
 * A real node with {@code maxStoreBytes} of 24 MiB, filled past it by real {@code apt-get download}s: the least
 * recently served file goes, a pinned file and a file being served (a client reading it stalls) stay; the cache
 * API lists, pins and refuses to evict them (409), answers 404 for an unknown path and 401 without the login; once
 * the client has gone, the file it was reading can be evicted; {@code /metrics} shows the use against the limit.
 */
public class StoreLimitIT extends NodeWithMirrorSupport {

    private static final long MAX = 24L << 20;

    private long evictedBefore;

    @Before
    public void start() throws Exception {
        archive = DebianArchive.in(work.newFolder("archive").toPath())
                .deb("pinned", 1024).deb("busy", 16 * 1024)
                .deb("first", 2048).deb("second", 2048).deb("third", 2048).deb("fourth", 2048).publish();
        mirror = new MirrorServer(archive.root);
        Path nodeDir = work.newFolder("node").toPath();
        configure(nodeDir, "org.debswarm.storage", "maxStoreBytes=" + MAX + "\nminFreeDiskBytes=0\n");
        node = AptNode.start(nodeDir, mirror);
        awaitMetric("debswarm_store_max_bytes " + MAX);
    }

    @Test
    public void pastTheLimitTheLeastRecentlyServedGoesPinnedAndInUseStay() throws Exception {
        ConsoleApi api = new ConsoleApi(node);
        AptClient apt = new AptClient(work.newFolder("apt").toPath(), AptNode.prefixSource(node, mirror, archive), null);
        assertTrue(apt.update().ok());
        assertTrue(apt.download(work.newFolder("d1").toPath(), "pinned", "busy").ok());
        assertEquals(200, api.post("pin", file("pinned")).status());
        assertEquals(401, api.call("GET", "/debswarm/api/cache", false).status());

        try (Socket reader = stalledReader(archive.path("busy"))) {
            for (String name : new String[] {"first", "second", "third"}) {
                assertTrue(apt.download(work.newFolder("d-" + name).toPath(), name).ok());
            }
            assertTrue("all fit: nothing evicted yet", stored("first"));
            assertTrue(apt.download(work.newFolder("d-fourth").toPath(), "fourth").ok());

            assertFalse("the least recently served file went", stored("first"));
            assertTrue("pinned stays", stored("pinned"));
            assertTrue("in use stays", stored("busy"));
            assertTrue(stored("second") && stored("third") && stored("fourth"));
            evictedBefore = evictedFiles(); // "first", and the older of the index files the node also stores

            ConsoleApi.Reply list = api.get("/debswarm/api/cache");
            assertEquals(200, list.status());
            assertTrue(list.body(), list.body().contains("\"path\":\"" + file("pinned") + "\""));
            assertTrue(list.body(), list.body().contains("\"pinned\":true"));
            assertTrue(list.body(), list.body().contains("\"listed\":true"));
            assertTrue(list.body(), list.body().contains("\"maxStoreBytes\":" + MAX));
            assertFalse(list.body(), list.body().contains(archive.path("first")));

            assertEquals(409, api.post("evict", file("busy")).status());
            assertEquals(409, api.post("evict", file("pinned")).status());
            assertEquals(404, api.post("evict", file("first")).status());
            assertEquals(400, api.post("evict", "no-host-part").status());
            assertEquals(405, api.call("GET", "/debswarm/api/cache/evict", true).status());
            ConsoleApi.Reply verify = api.post("verify", null);
            assertEquals(verify.body(), 200, verify.status());
            assertTrue(verify.body(), verify.body().contains("\"corrupt\":[]"));
        }
        assertEquals("the reader has gone: its file can be evicted", 200, awaitEvicted(api, file("busy")));
        assertFalse(stored("busy"));
        assertEquals(200, api.post("unpin", file("pinned")).status());
        assertEquals(200, api.post("evict", file("pinned")).status());
        assertEquals("busy and pinned, evicted through the API", evictedBefore + 2, evictedFiles());

        Path again = work.newFolder("again").toPath();
        assertTrue("an evicted file is fetched again", apt.download(again, "first").ok());
        assertEquals(2, mirror.gets(archive.path("first")));
    }

    private long evictedFiles() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^debswarm_store_evicted_files_total (\\d+)$")
                .matcher(metrics());
        assertTrue("the metric is there", m.find());
        return Long.parseLong(m.group(1));
    }

    /** A client that asks for a stored file and stops reading after its headers: the node is left sending it. */
    private Socket stalledReader(String archivePath) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", node.aptPort()), 5000);
        socket.setSoTimeout(30000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /" + mirror.authority() + "/" + archivePath + " HTTP/1.1\r\nHost: 127.0.0.1:" + node.aptPort()
                + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        if (!head.equals("HTTP/1.1 200")) {
            throw new AssertionError("the node answered " + head);
        }
        return socket;
    }

    private String file(String name) {
        return mirror.authority() + "/" + archive.path(name);
    }

    private boolean stored(String name) {
        return Files.isRegularFile(node.home().resolve("mirrors").resolve(mirror.authority()).resolve(archive.path(name)));
    }

    private String metrics() throws Exception {
        return new ConsoleApi(node).call("GET", "/metrics", false).body();
    }

    /** Configuration reaches the store through FileInstall after start; the node offers no event for it. */
    private void awaitMetric(String line) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!metrics().contains(line + "\n")) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + line + " in /metrics:\n" + metrics());
            }
            Thread.sleep(100);
        }
    }

    /** The node notices the reader's disconnection when its next write fails; seen from outside, by asking again. */
    private int awaitEvicted(ConsoleApi api, String file) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = api.post("evict", file).status();
        while (status == 409 && System.nanoTime() < end) {
            Thread.sleep(100);
            status = api.post("evict", file).status();
        }
        return status;
    }
}
