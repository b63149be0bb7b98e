package org.debswarm.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The command against a node that answers as the HTTP contract says (docs/packaging.md): /health,
 * /debswarm/api/status and the cache API behind basic auth. Checks output, --json, exit codes, and that the
 * command logs in and sends no Origin header (the console's CSRF defence lets such clients through).
 */
public class CliTest {

    private static final String PASSWORD = "s3cret-password-for-tests";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private HttpServer node;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile boolean ready = true;
    private Path passwordFile;

    @Before
    public void startFakeNode() throws IOException {
        passwordFile = folder.newFile("console-password").toPath();
        Files.writeString(passwordFile, PASSWORD + "\n");
        node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        node.createContext("/health", x -> answer(x, ready ? 200 : 503,
                "{\"live\":true,\"ready\":" + ready + ",\"waitingFor\":\"\"}"));
        node.createContext("/debswarm/api/status", x -> withLogin(x, () -> answer(x, 200, "{\"ready\":" + ready
                + ",\"waitingFor\":\"x\",\"connectedPeers\":3,\"torrents\":2,\"fromPeersBytes\":750,"
                + "\"fromMirrorsBytes\":250,\"peerShare\":0.75,\"storeUsedBytes\":2048,\"storeFiles\":4,"
                + "\"storeLimitBytes\":null}")));
        node.createContext("/debswarm/api/cache", x -> withLogin(x, () -> cache(x)));
        node.start();
    }

    @After
    public void stopFakeNode() {
        node.stop(0);
    }

    @Test
    public void statusShowsTheFiguresAndExitsZeroWhenReady() {
        Run run = cli("status");
        assertEquals(run.err, 0, run.code);
        assertTrue(run.out, run.out.contains(": ready"));
        assertTrue(run.out, run.out.contains("peers connected: 3, torrents: 2"));
        assertTrue(run.out, run.out.contains("750 B from peers, 250 B from mirrors (75.0 % from peers)"));
        assertTrue(run.out, run.out.contains("store:           2.0 KiB in 4 files, limit none"));
    }

    @Test
    public void statusJsonIsTheNodesAnswerAndExitsFourWhenNotReady() {
        ready = false;
        Run run = cli("--json", "status");
        assertEquals(4, run.code);
        assertTrue(run.out, run.out.startsWith("{\"ready\":false,"));
        assertTrue("logged in without an Origin header: " + seen,
                seen.contains("GET /debswarm/api/status auth=yes origin=no"));
    }

    @Test
    public void noNodeSaysHowToStartOneAndExitsThree() throws IOException {
        node.stop(0);
        Run run = cli();
        assertEquals(3, run.code);
        assertTrue(run.err, run.err.contains("No Debswarm node answers at"));
        assertTrue(run.err, run.err.contains("systemctl start debswarm"));
        assertTrue(run.err, run.err.contains("debswarm run"));
    }

    @Test
    public void aWrongPasswordExitsFive() throws IOException {
        Files.writeString(passwordFile, "not-the-password\n");
        Run run = cli("status");
        assertEquals(5, run.code);
        assertTrue(run.err, run.err.contains("refused the console password"));
    }

    @Test
    public void cacheListPrintsATable() {
        Run run = cli("cache", "list");
        assertEquals(run.err, 0, run.code);
        assertTrue(run.out, run.out.contains("yes    no        1.0 KiB  never                 deb.debian.org/debian/pool/a.deb"));
        assertTrue(run.out, run.out.contains("1 file"));
    }

    @Test
    public void cacheActionsPostThePathEncoded() {
        assertEquals(0, cli("cache", "pin", "deb.debian.org/debian/pool/a b.deb").code);
        assertTrue(seen.toString(), seen.contains("POST /debswarm/api/cache/pin?path=deb.debian.org%2Fdebian%2Fpool%2Fa+b.deb"
                + " auth=yes origin=no"));
        Run evict = cli("--json", "cache", "evict", "deb.debian.org/pinned.deb");
        assertEquals(1, evict.code);
        assertEquals("{\"error\":\"deb.debian.org/pinned.deb is pinned: unpin it first\"}\n", evict.out);
    }

    @Test
    public void verifyFailsWhenItFindsACorruptFile() {
        Run run = cli("cache", "verify");
        assertEquals(1, run.code);
        assertTrue(run.out, run.out.contains("checked 2, corrupt 1"));
    }

    @Test
    public void aNodeWithoutTheCacheApiIsNotAvailable() {
        node.removeContext("/debswarm/api/cache");
        Run run = cli("cache", "list");
        assertEquals(6, run.code);
        assertTrue(run.err, run.err.contains("does not offer it"));
    }

    @Test
    public void seedImportStartsAndFollowsTheImportToItsEnd() throws IOException {
        Path archives = folder.newFolder("archives").toPath();
        node.createContext("/debswarm/api/seed", x -> withLogin(x, () -> {
            if ("POST".equals(x.getRequestMethod())) {
                answer(x, 202, seedReport(archives, "running", 0, 0));
            } else {
                answer(x, 200, seedReport(archives, "done", 1, 0));
            }
        }));
        Run run = cli("seed", "import", archives.toString());
        assertEquals(run.err, 1, run.code); // one corrupt file
        assertTrue(run.out, run.out.contains("seed import of " + archives + ": done"));
        assertTrue(run.out, run.out.contains("stored and offered:      2"));
        assertTrue(run.out, run.out.contains("corrupt: " + archives + "/bad.deb"));
        assertTrue(seen.toString(), seen.get(0).startsWith("POST /debswarm/api/seed/import?folder="));
        assertTrue(seen.toString(), seen.get(1).startsWith("GET /debswarm/api/seed?wait="));

        Run json = cli("--json", "seed", "import", archives.toString(), "--no-wait");
        assertEquals(json.err, 0, json.code); // running: started
        assertTrue(json.out, json.out.startsWith("{\"folder\":"));
    }

    @Test
    public void seedImportNeedsAFolder() {
        assertEquals(2, cli("seed", "import").code);
        assertEquals(2, cli("seed", "import", "/tmp", "--bogus").code);
        assertEquals(2, cli("seed", "bogus").code);
    }

    private static String seedReport(Path archives, String state, int corrupt, int errors) {
        return "{\"folder\":\"" + archives + "\",\"state\":\"" + state + "\",\"startedAt\":\"2026-12-06T09:00:00Z\","
                + "\"finishedAt\":null,\"scanned\":5,\"imported\":2,\"importedBytes\":2048,\"held\":1,"
                + "\"unlisted\":1,\"corruptCount\":" + corrupt + ",\"errorCount\":" + errors + ",\"corrupt\":["
                + (corrupt > 0 ? "{\"file\":\"" + archives + "/bad.deb\"}" : "") + "],\"errors\":[]}";
    }

    @Test
    public void usageErrorsExitTwo() {
        assertEquals(2, cli("bogus").code);
        assertEquals(2, cli("cache", "pin").code);
        assertEquals(2, cli("--url").code);
        assertEquals(2, cli("--url", "ftp://x", "status").code);
    }

    @Test
    public void passwordTellsWhereItIs() {
        Run run = cli("--json", "password");
        assertEquals(0, run.code);
        assertEquals("{\"user\":\"admin\",\"file\":\"" + passwordFile + "\",\"exists\":true}\n", run.out);
    }

    @Test
    public void aptSetupPrintsTheProxyAutoDetectSnippetAndWritesIt() throws IOException {
        Run run = cli("apt-setup");
        assertTrue(run.out, run.out.contains("Acquire::http::Proxy-Auto-Detect \""));
        Path file = folder.getRoot().toPath().resolve("30debswarm-proxy");
        assertEquals(0, cli("apt-setup", "--write", file.toString()).code);
        assertEquals(run.out, Files.readString(file));
    }

    @Test
    public void waitReadyReturnsWhenTheNodeIsReady() {
        assertEquals(0, cli("wait-ready", "--timeout", "5").code);
    }

    private void cache(HttpExchange x) throws IOException {
        String action = x.getRequestURI().getPath().substring("/debswarm/api/cache".length());
        String query = x.getRequestURI().getRawQuery();
        switch (action) {
            case "" -> answer(x, 200, "{\"usage\":{\"storedBytes\":1024,\"maxStoreBytes\":10737418240,"
                    + "\"usableDiskBytes\":1,\"minFreeDiskBytes\":2,\"evictedFiles\":0,\"evictedBytes\":0},"
                    + "\"files\":[{\"path\":\"deb.debian.org/debian/pool/a.deb\",\"host\":\"deb.debian.org\","
                    + "\"size\":1024,\"sha256\":\"ab\",\"pinned\":true,\"lastServed\":\"1970-01-01T00:00:00Z\","
                    + "\"storedAt\":\"2026-12-06T00:00:00Z\",\"listed\":false}]}");
            case "/pin" -> answer(x, 200, "{\"path\":\"p\",\"pinned\":true}");
            case "/evict" -> answer(x, 409, "{\"error\":\"deb.debian.org/pinned.deb is pinned: unpin it first\"}");
            case "/verify" -> answer(x, 200, "{\"checked\":2,\"corrupt\":[{\"path\":\"" + query + "x\"}]}");
            default -> answer(x, 404, "{\"error\":\"unknown action\"}");
        }
    }

    private interface Handler {
        void handle() throws IOException;
    }

    private void withLogin(HttpExchange x, Handler handler) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + java.util.Base64.getEncoder()
                .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        seen.add(x.getRequestMethod() + " " + x.getRequestURI() + " auth=" + (expected.equals(auth) ? "yes" : "no")
                + " origin=" + (x.getRequestHeaders().containsKey("Origin") ? "yes" : "no"));
        if (!expected.equals(auth)) {
            answer(x, 401, "{\"error\":\"log in\"}");
            return;
        }
        handler.handle();
    }

    private static void answer(HttpExchange x, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    private record Run(int code, String out, String err) {
    }

    private Run cli(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--url";
        all[1] = "http://127.0.0.1:" + node.getAddress().getPort();
        all[2] = "--password-file";
        all[3] = passwordFile.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        if (args.length > 0 && args[0].equals("--url")) {
            all = args; // the test of a bad --url
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(all, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void jsonReaderReadsTheNodesAnswers() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) JsonReader.read(
                " {\"a\":[1,2.5,-3e2],\"b\":\"x\\\"\\u00e9\",\"c\":null,\"d\":true} ");
        assertEquals(List.of(1L, 2.5, -300.0), m.get("a"));
        assertEquals("x\"\u00e9", m.get("b"));
        assertNull(m.get("c"));
        assertEquals(Boolean.TRUE, m.get("d"));
    }

    @Test
    public void jsonReaderRefusesBadOrTooDeepText() {
        for (String bad : new String[] {"{", "{\"a\" 1}", "[1,]", "\"open", "tru", "{} x", "[".repeat(100)}) {
            try {
                JsonReader.read(bad);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().startsWith("not JSON at character"));
            }
        }
    }
}
