package org.debswarm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Debswarm pages of the Web Console in a real browser: Debian's headless Chromium driven through
 * chromedriver, against the real node started with {@code bin/debswarm}. Logs in as admin with the generated
 * password, opens Overview, Torrents (and one torrent's detail), Mirror governor and Tracker, and saves a
 * screenshot of each in {@code target/screenshots/}. With a second real node downloading from this one: the
 * torrent's page shows it as a connected peer, and stop and start work from the page. Also reads {@code /metrics} and {@code /debswarm/stats.json}
 * from the console's port. Skipped without {@code chromium} and {@code chromedriver} (Debian packages
 * {@code chromium} and {@code chromium-driver}).
 */
public class ConsoleBrowserIT {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final Pattern CONSOLE_PORT = Pattern.compile("web console: http://[^:/]+:(\\d+)/system/console");

    private static Path chromium;
    private static Path chromedriver;

    @Rule
    public final TemporaryFolder work = new TemporaryFolder();

    /** The peer engine logs each session started, and each swarm each peer joining it, at debug: events to wait on. */
    private static final String SESSION_EVENTS = "-Dorg.slf4j.simpleLogger.log.org.debswarm.peerwire.internal.PeerEngine=debug";
    private static final String PEER_EVENTS = "-Dorg.slf4j.simpleLogger.log.org.debswarm.peerwire.internal.swarm.Swarm=debug";
    private static final String NODE_EVENTS = "-Dorg.slf4j.simpleLogger.log.org.debswarm.node.internal=debug";

    private NodeProcess node;
    private ChromeDriver browser;
    private int consolePort;
    private String password;

    @BeforeClass
    public static void browserIsPresent() {
        // Debian's /usr/bin/chromium is a wrapper script; the binary it runs is /usr/lib/chromium/chromium.
        chromium = firstExisting("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
                .orElse(null);
        chromedriver = firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver").orElse(null);
        assumeTrue("chromium and chromedriver are needed (apt-get install chromium chromium-driver)",
                chromium != null && chromedriver != null);
    }

    @Before
    public void start() throws Exception {
        node = NodeProcess.start(work.newFolder("node").toPath(), SESSION_EVENTS, PEER_EVENTS, NODE_EVENTS);
        Files.writeString(node.install().resolve("deploy/org.debswarm.peerwire.cfg"),
                "port=" + Distribution.freePort() + "\n");
        String banner = node.awaitStarted(Duration.ofSeconds(60));
        Matcher port = CONSOLE_PORT.matcher(banner);
        assertTrue("the banner names the console:\n" + banner, port.find());
        consolePort = Integer.parseInt(port.group(1));
        password = Files.readString(node.home().resolve("etc/console-password")).strip();
        node.awaitHttpOk(node.trackerPort(), "/stats.json", PAGE_WAIT);
        node.awaitHttpOk(consolePort, "/metrics", PAGE_WAIT);
        Files.createDirectories(SCREENSHOTS);
        browser = browser();
    }

    @After
    public void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    public void theDebswarmPagesShowTheirFiguresInABrowser() throws Exception {
        String torrentHash = seedATorrent().orElse(null);

        open("debswarm");
        assertTrue("the console's menu has the Debswarm category",
                browser.findElement(By.tagName("body")).getText().contains("Debswarm"));
        String overview = content();
        for (String part : List.of("Share of downloaded bytes from peers", "Current rates", "Totals since the first start",
                "Last 24 hours", "Last 30 days")) {
            assertTrue(part + " in:\n" + overview, overview.contains(part));
        }
        assertEquals("two charts", 2, browser.findElements(By.cssSelector(".dsw svg")).size());
        assertNoMissingService(overview);
        screenshot("overview");

        open("debswarm-governor");
        String governor = content();
        assertTrue(governor, governor.contains("Limits"));
        assertNoMissingService(governor);
        screenshot("governor");

        open("debswarm-tracker");
        String tracker = content();
        assertTrue(tracker, tracker.contains("Totals"));
        screenshot("tracker");

        open("debswarm-torrents");
        assertNoMissingService(content());
        if (torrentHash != null) {
            WebElement link = linkOnceRunning(torrentHash, "console-share");
            screenshot("torrents");
            clickThrough(link);
            assertTrue(browser.getCurrentUrl(), browser.getCurrentUrl().endsWith("?torrent=" + torrentHash));
            String detail = content();
            assertTrue(detail, detail.contains(torrentHash));
            assertTrue(detail, detail.contains("Peers"));
            assertTrue(detail, detail.contains("State on this node\nrunning") || detail.contains("State on this node running"));
            assertEquals("start disabled while it runs; stop and forget enabled", 1,
                    browser.findElements(By.cssSelector(".dsw form button[disabled]")).size());
            screenshot("torrent-detail");
            String info = "debswarm_torrent_info{torrent=\"" + torrentHash + "\",name=\"console-share\"} 1\n";
            String metrics = awaitMetrics(info);
            assertTrue(metrics, metrics.contains(info));
        } else {
            screenshot("torrents");
        }
    }

    /**
     * Two real nodes: a second node downloads, rate-limited, a torrent this node seeds. The torrent's page shows
     * the second node as a connected peer with its figures; stop ends the session (the peer is gone) and start
     * runs it again.
     */
    @Test
    public void aTorrentWithAConnectedPeerIsStoppedAndStartedFromItsPage() throws Exception {
        String hash = seedATorrent("two-nodes", 4 * 1024 * 1024).orElse(null);
        assumeTrue("mktorrent is needed", hash != null);
        try (NodeProcess second = NodeProcess.start(work.newFolder("second").toPath(), SESSION_EVENTS, PEER_EVENTS,
                NODE_EVENTS)) {
            Files.writeString(second.install().resolve("deploy/org.debswarm.peerwire.cfg"),
                    "port=" + Distribution.freePort() + "\ndownloadRateLimit=48\n");
            second.awaitStarted(Duration.ofSeconds(60));
            Path torrents = Files.createDirectories(second.home().resolve("torrents"));
            Files.copy(work.getRoot().toPath().resolve("two-nodes.torrent"), torrents.resolve("two-nodes.torrent"));

            open("debswarm-torrents?torrent=" + hash);
            WebElement row = peerRowOnceJoined(hash, 0, second);
            String peer = row.getText();
            assertTrue(peer, peer.contains(" / ")); // bytes both ways, rates
            assertTrue(peer, peer.matches("(?s).*\\(\\d+\\.\\d %\\).*")); // how much of the torrent it has
            screenshot("torrent-with-peer");

            clickThrough(browser.findElement(By.cssSelector(".dsw form button[value='stop']")));
            String stopped = content();
            assertTrue(stopped, stopped.contains("stop: done. The torrent is now stopped."));
            assertTrue(stopped, stopped.contains("No session of this torrent runs"));
            assertTrue(browser.findElements(By.cssSelector(".dsw table.dsw-live")).isEmpty());
            screenshot("torrent-stopped");

            int beforeStart = node.linesPrinted();
            clickThrough(browser.findElement(By.cssSelector(".dsw form button[value='start']")));
            String started = content();
            assertTrue(started, started.contains("start: done. The torrent is now running."));
            peerRowOnceJoined(hash, beforeStart, second);
            screenshot("torrent-started");
            String json = get("/debswarm/stats.json");
            // the torrent's session (name, then totalBytes), beside the content swarm's (issue 14)
            assertTrue(json, json.contains("{\"infoHash\":\"" + hash + "\",\"name\":\"two-nodes\",\"totalBytes\""));
            assertTrue(json, json.contains("\"address\":\"127.0.0.1:"));
        }
    }

    /**
     * The first row of the connected peers' table, once the node has logged (at debug) that a peer joined the
     * torrent's swarm after its first {@code fromLine} lines: the page is then reloaded once.
     */
    private WebElement peerRowOnceJoined(String hash, int fromLine, NodeProcess peer) throws Exception {
        try {
            node.awaitLine(fromLine, "peer joining " + hash,
                    l -> l.contains("Torrent " + hash + ": peer ") && l.endsWith(" joined"), PAGE_WAIT.multipliedBy(2));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nthe downloading node's output:\n" + peer.output(), e);
        }
        browser.navigate().refresh();
        List<WebElement> rows = browser.findElements(By.cssSelector(".dsw table.dsw-live tr td"));
        assertTrue("a connected peer on the torrent's page:\n" + content(),
                !rows.isEmpty() && rows.get(0).getText().startsWith("127.0.0.1:"));
        return rows.get(0).findElement(By.xpath(".."));
    }

    @Test
    public void metricsAndJsonAreOnTheConsolesPortOnly() throws Exception {
        // the console answers before FileInstall has started every bundle of deploy/: the statistics come a moment later
        String metrics = awaitMetrics("debswarm_stats_up 1\n");
        assertTrue(metrics, metrics.contains("# TYPE debswarm_from_peers_bytes_total counter\n"));
        assertTrue(metrics, metrics.contains("debswarm_stats_up 1\n"));
        assertTrue(metrics, metrics.contains("debswarm_governor_up 1\n"));
        String json = get("/debswarm/stats.json");
        assertTrue(json, json.startsWith("{\"statsAvailable\":true,\"governorAvailable\":true,\"peerWireAvailable\":true,"
                + "\"node\":{"));
        assertNotEquals(200, status(node.trackerPort(), "/metrics"));
        assertNotEquals(200, status(node.aptPort(), "/metrics"));

        browser.get("http://127.0.0.1:" + consolePort + "/metrics");
        assertTrue(browser.getPageSource(), browser.getPageSource().contains("debswarm_uploaded_bytes_total"));
        screenshot("metrics");
    }

    @Test
    public void metricsCanMoveBehindTheConsoleLogin() throws Exception {
        Files.writeString(node.install().resolve("deploy/org.debswarm.webconsole.metrics.cfg"),
                "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=org.apache.felix.webconsole)\n");
        awaitStatus("/system/console/metrics", null, 401);
        awaitStatus("/system/console/metrics", password, 200);
        assertEquals(404, status(consolePort, "/metrics"));
        browser.get("http://127.0.0.1:" + consolePort + "/system/console/debswarm/stats.json");
        assertTrue(browser.getPageSource(), browser.getPageSource().contains("\"statsAvailable\":true"));
    }

    /**
     * {@code /metrics} once it holds {@code line}, or as it is after {@link #PAGE_WAIT}: per-torrent figures come
     * from the node's statistics sampler, a few seconds after the torrent started, and no event crosses the
     * process boundary to say when, so this asks every 200 ms.
     */
    private String awaitMetrics(String line) throws Exception {
        long end = System.nanoTime() + PAGE_WAIT.toNanos();
        String metrics = get("/metrics");
        while (!metrics.contains(line) && System.nanoTime() < end) {
            Thread.sleep(200);
            metrics = get("/metrics");
        }
        return metrics;
    }

    private void awaitStatus(String path, String pw, int expected) throws Exception {
        int last = node.awaitStatus(consolePort, path, pw == null ? null : "admin", pw, expected, PAGE_WAIT);
        assertEquals(path + " answered " + last, expected, last);
    }

    private ChromeDriver browser() throws IOException {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(work.getRoot().toPath().resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1600", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + work.newFolder("chromium-profile"));
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PAGE_WAIT);
        // Basic auth as a header on every request (DevTools protocol through chromedriver): no password in URLs.
        String token = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", "Basic " + token)));
        return driver;
    }

    private void open(String label) {
        browser.get("http://127.0.0.1:" + consolePort + "/system/console/" + label);
        assertFalse("logged in, " + label + " has the Debswarm content:\n" + browser.getPageSource(),
                browser.findElements(By.cssSelector(".dsw")).isEmpty());
    }

    /**
     * Clicks something that loads another page, and waits (bounded) until the page it was on is gone: reading
     * the page right after a click may otherwise find the old one, or an element of it that goes stale.
     */
    private void clickThrough(WebElement target) {
        WebElement before = browser.findElement(By.tagName("html"));
        target.click();
        // WebDriver's own bounded wait: the page has no event a test can subscribe to for being replaced
        new WebDriverWait(browser, PAGE_WAIT).withMessage("the click loading another page")
                .until(driver -> replaced(before));
    }

    /**
     * Whether the page holding {@code element} was replaced. While the next page loads, Chrome sometimes answers
     * "Node with given id does not belong to the document" instead of a stale element reference (it failed a
     * run so): that means replaced as well.
     */
    private static boolean replaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    private String content() {
        return browser.findElement(By.cssSelector(".dsw")).getText();
    }

    private static void assertNoMissingService(String text) {
        assertFalse(text, text.contains("is not running"));
    }

    /**
     * The Torrents page's link to a torrent of the torrents/ folder, once the node has logged (at debug) that its
     * session started: the page is then reloaded once.
     */
    private WebElement linkOnceRunning(String hash, String text) throws Exception {
        node.awaitLine(0, "session of " + hash + " started",
                l -> l.contains("Session " + hash + " (") && l.endsWith(" started"), PAGE_WAIT);
        browser.navigate().refresh();
        List<WebElement> links = browser.findElements(By.partialLinkText(text));
        assertFalse("the running torrent " + text + " on the Torrents page:\n" + content(), links.isEmpty());
        return links.get(0);
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Puts a small torrent (made by mktorrent, announced to the node's tracker) with its content into the node's
     * torrents/ folder, which the node seeds; empty without mktorrent.
     */
    private Optional<String> seedATorrent() throws Exception {
        return seedATorrent("console-share", 200_000);
    }

    private Optional<String> seedATorrent(String name, int size) throws Exception {
        if (firstOnPath("mktorrent").isEmpty()) {
            return Optional.empty();
        }
        Path content = work.newFolder("content", name).toPath();
        byte[] data = new byte[size];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        Files.write(content.resolve("data.bin"), data);
        Path torrent = work.getRoot().toPath().resolve(name + ".torrent");
        Process mktorrent = new ProcessBuilder("mktorrent", "-l", "16", "-a",
                "http://127.0.0.1:" + node.trackerPort() + "/announce", "-o", torrent.toString(), content.toString())
                .redirectErrorStream(true).redirectOutput(work.getRoot().toPath().resolve("mktorrent.log").toFile())
                .start();
        assertTrue(mktorrent.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, mktorrent.exitValue());
        Path torrents = Files.createDirectories(node.home().resolve("torrents"));
        Files.createDirectories(torrents.resolve(name));
        Files.write(torrents.resolve(name + "/data.bin"), data);
        Files.copy(torrent, torrents.resolve(name + ".torrent"));
        return Optional.of(infoHash(Files.readAllBytes(torrent)));
    }

    /** SHA-1 of the bencoded value of the top-level {@code info} key (BEP 3), as 40 lower-case hex digits. */
    static String infoHash(byte[] torrent) throws Exception {
        byte[] key = "4:info".getBytes(StandardCharsets.US_ASCII);
        int at = 1; // inside the top-level dictionary: key, value, key, value...
        while (torrent[at] != 'e') {
            int valueStart = end(torrent, at);
            int valueEnd = end(torrent, valueStart);
            if (java.util.Arrays.equals(torrent, at, valueStart, key, 0, key.length)) {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
                        .digest(java.util.Arrays.copyOfRange(torrent, valueStart, valueEnd));
                return java.util.HexFormat.of().formatHex(digest);
            }
            at = valueEnd;
        }
        throw new AssertionError("no info dictionary");
    }

    // the offset just past the bencoded value starting at offset
    private static int end(byte[] b, int offset) {
        byte c = b[offset];
        if (c == 'i') {
            int i = offset;
            while (b[i] != 'e') {
                i++;
            }
            return i + 1;
        }
        if (c == 'l' || c == 'd') {
            int i = offset + 1;
            while (b[i] != 'e') {
                i = end(b, i);
            }
            return i + 1;
        }
        int colon = offset;
        while (b[colon] != ':') {
            colon++;
        }
        int length = Integer.parseInt(new String(b, offset, colon - offset, StandardCharsets.US_ASCII));
        return colon + 1 + length;
    }

    private String get(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + consolePort + path).toURL()
                .openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(10000);
        try {
            assertEquals(path, 200, c.getResponseCode());
            return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private static int status(int port, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(10000);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    private static Optional<Path> firstExisting(String... paths) {
        for (String p : paths) {
            if (Files.isExecutable(Paths.get(p))) {
                return Optional.of(Paths.get(p));
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> firstOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
