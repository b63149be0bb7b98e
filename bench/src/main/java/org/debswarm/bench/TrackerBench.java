package org.debswarm.bench;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.debswarm.tracker.TrackerTotals;
import org.debswarm.tracker.internal.AnnounceServlet;
import org.debswarm.tracker.internal.ScrapeServlet;
import org.debswarm.tracker.internal.StatusServlet;
import org.debswarm.tracker.internal.TrackerComponent;
import org.debswarm.tracker.internal.TrackerConfiguration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.util.OsgiDataSourceFactory;
import org.osgi.framework.BundleContext;

/**
 * Announces per second: the Debswarm tracker (its real component with the H2 writer on, its servlets on a plain
 * Jetty 12) against opentracker, under the same load from {@code wrk} (or a Java load generator when wrk is
 * absent). The load varies info_hash over {@value #TORRENTS} torrents and peer_id over {@value #PEERS} peers,
 * all binary, compact responses with numwant=50.
 *
 * <p>Usage: {@code TrackerBench [seconds=15] [connections=64]}; run through {@code bench/tracker.sh}. With
 * {@code -Dbench.trackerUrl=http://127.0.0.1:PORT} it loads that tracker (a full node's, its JVM options and
 * its Jetty) instead of starting one.
 * Everything listens on 127.0.0.1 and stops by itself.
 */
public final class TrackerBench {

    static final int TORRENTS = 1000;
    static final int PEERS = 20_000;

    private static final String LUA = """
            local T, P = @T@, @P@
            local hashes, ids = {}, {}
            local function enc(b)
              local s = {}
              for i = 1, #b do s[i] = string.format("%%%02X", b[i]) end
              return table.concat(s)
            end
            for t = 0, T - 1 do
              local b = { math.floor(t / 256) % 256, t % 256 }
              for i = 2, 19 do b[i + 1] = (i * 37 + t * 11) % 256 end
              hashes[t] = enc(b)
            end
            for p = 0, P - 1 do
              local b = { 45, 66, 69, 48, 48, 48, 49, 45, math.floor(p / 65536) % 256, math.floor(p / 256) % 256, p % 256 }
              for i = 12, 20 do b[i] = (p * 53 + i * 151) % 256 end
              ids[p] = enc(b)
            end
            math.randomseed(os.time())
            request = function()
              local t = math.random(0, T - 1)
              local p = math.random(0, P - 1)
              local left = (p % 4 == 0) and 0 or 1000
              return wrk.format("GET", "/announce?info_hash=" .. hashes[t] .. "&peer_id=" .. ids[p]
                .. "&port=" .. (1024 + p) .. "&uploaded=" .. math.random(0, 1000000)
                .. "&downloaded=0&left=" .. left .. "&compact=1&numwant=50")
            end
            """;

    private TrackerBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Path work = Files.createTempDirectory("trackerbench");
        Path lua = Files.writeString(work.resolve("announce.lua"),
                LUA.replace("@T@", String.valueOf(TORRENTS)).replace("@P@", String.valueOf(PEERS)));
        boolean wrk = onPath("wrk");
        System.out.printf(Locale.ROOT, "TrackerBench: %d s per run, %d connections, %d torrents, %d peers, load: %s,"
                + " cores: %d%n", seconds, connections, TORRENTS, PEERS, wrk ? "wrk -t2" : "Java HttpClient",
                Runtime.getRuntime().availableProcessors());

        String running = System.getProperty("bench.trackerUrl"); // a tracker already running: a full node's
        Result debswarm;
        Result opentracker;
        try {
            if (running != null) {
                checkAnnounce("debswarm node", running);
                debswarm = load("debswarm node (" + running + ")", running, lua, wrk, seconds, connections);
            } else {
                debswarm = benchDebswarm(work, lua, wrk, seconds, connections);
            }
            opentracker = onPath("opentracker") ? benchOpentracker(work, lua, wrk, seconds, connections) : null;
        } finally {
            deleteTree(work);
        }
        if (opentracker == null) {
            System.out.println("opentracker: not installed (apt-get install -y opentracker); no ratio");
        } else {
            System.out.printf(Locale.ROOT, "ratio debswarm/opentracker: %.2f%n",
                    debswarm.perSecond() / opentracker.perSecond());
        }
    }

    private static Result benchDebswarm(Path work, Path lua, boolean wrk, int seconds, int connections)
            throws Exception {
        // Every announce comes from 127.0.0.1: with the default flood limit (120 new torrents per client and
        // minute) most of the 1000 torrents would be refused, cheaply, and the figure would flatter the tracker.
        TrackerComponent tracker = new TrackerComponent(configuration(Map.of("flushPeriod",
                Integer.getInteger("bench.flushPeriod", 1000), "newTorrentsPerMinute", 1_000_000)),
                context(work.resolve("home")), new OsgiDataSourceFactory(new org.h2.Driver()));
        tracker.whenReady().get(30, java.util.concurrent.TimeUnit.SECONDS);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new AnnounceServlet(tracker)), "/announce");
        context.addServlet(new ServletHolder(new ScrapeServlet(tracker)), "/scrape");
        ServletHolder status = new ServletHolder(new StatusServlet(tracker, tracker));
        context.addServlet(status, "/");
        context.addServlet(status, "/stats.json");
        server.setHandler(context);
        server.start();
        try {
            String base = "http://127.0.0.1:" + connector.getLocalPort();
            checkAnnounce("debswarm", base);
            Result result = load("debswarm", base, lua, wrk, seconds, connections);
            TrackerTotals totals = tracker.totals();
            System.out.printf(Locale.ROOT, "debswarm: %d torrents, %d live peers held after the runs%n",
                    totals.torrents(), totals.seeders() + totals.leechers());
            System.out.printf(Locale.ROOT, "debswarm engine alone (1 thread, no HTTP): %.0f announces/s%n",
                    inProcess(tracker, Math.min(5, seconds)));
            return result;
        } finally {
            server.stop();
            deactivate(tracker);
        }
    }

    private static Result benchOpentracker(Path work, Path lua, boolean wrk, int seconds, int connections)
            throws Exception {
        // Debian builds opentracker with a whitelist: allow exactly the load's torrents.
        Path dir = Files.createDirectories(work.resolve("opentracker"));
        StringBuilder whitelist = new StringBuilder();
        for (int t = 0; t < TORRENTS; t++) {
            whitelist.append(HexFormat.of().formatHex(infoHash(t))).append('\n');
        }
        Files.writeString(dir.resolve("whitelist.txt"), whitelist);
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        int port = freePort();
        Process process = new ProcessBuilder("opentracker", "-i", "127.0.0.1", "-p", String.valueOf(port), "-P",
                String.valueOf(port), "-d", dir.toString(), "-u", "nobody", "-w", "whitelist.txt")
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port;
            waitUntilListening(port);
            checkAnnounce("opentracker", base);
            return load("opentracker", base, lua, wrk, seconds, connections);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Warm-up (a third of the time, at least 3 s), then the measured run. */
    private static Result load(String name, String base, Path lua, boolean wrk, int seconds, int connections)
            throws Exception {
        int warmUp = Math.max(3, seconds / 3);
        if (wrk) {
            runWrk(base, lua, warmUp, connections);
            Result result = runWrk(base, lua, seconds, connections);
            System.out.printf(Locale.ROOT, "%s: %.0f announces/s, latency p50 %s p99 %s, errors %s%n", name,
                    result.perSecond(), result.p50(), result.p99(), result.errors());
            return result;
        }
        javaLoad(base, warmUp, connections);
        Result result = javaLoad(base, seconds, connections);
        System.out.printf(Locale.ROOT, "%s: %.0f announces/s, errors %s%n", name, result.perSecond(),
                result.errors());
        return result;
    }

    private static Result runWrk(String base, Path lua, int seconds, int connections) throws Exception {
        Process process = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", lua.toString(), base).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("wrk failed:\n" + output);
        }
        String errors = (find(output, "Socket errors:([^\\n]*)", "none") + " " + find(output,
                "Non-2xx or 3xx responses: (\\d+)", "")).trim();
        return new Result(Double.parseDouble(find(output, "Requests/sec:\\s+([\\d.]+)", "0")),
                find(output, "(?m)^\\s+50%\\s+(\\S+)", "?"), find(output, "(?m)^\\s+99%\\s+(\\S+)", "?"), errors);
    }

    /** The fallback load: {@code connections} requests in flight on Java's HttpClient. */
    private static Result javaLoad(String base, int seconds, int connections) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(connections);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + randomAnnounce()))
                    .timeout(Duration.ofSeconds(10)).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                (error == null && response.statusCode() == 200 ? done : failed).incrementAndGet();
                inFlight.release();
            });
        }
        inFlight.tryAcquire(connections, 30, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(done.get() / elapsed, "?", "?", failed.get() == 0 ? "none" : failed.get() + " failed");
    }

    /** The same announce mix as the Lua script. */
    private static String randomAnnounce() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int t = random.nextInt(TORRENTS);
        int p = random.nextInt(PEERS);
        return "/announce?info_hash=" + Encoded.HASHES[t] + "&peer_id=" + Encoded.PEER_IDS[p] + "&port="
                + (1024 + p) + "&uploaded=" + random.nextInt(1_000_000) + "&downloaded=0&left="
                + (p % 4 == 0 ? 0 : 1000) + "&compact=1&numwant=50";
    }

    /** One thread calling the tracker directly: the cost of an announce without HTTP. */
    private static double inProcess(TrackerComponent tracker, int seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long count = 0;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                tracker.announce(randomAnnounce().substring("/announce?".length()), "127.0.0.1");
            }
            count += 1000;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Percent-encoded ids, computed once so that the load generator measures the tracker, not itself. */
    private static final class Encoded {
        static final String[] HASHES = new String[TORRENTS];
        static final String[] PEER_IDS = new String[PEERS];

        static {
            for (int t = 0; t < TORRENTS; t++) {
                HASHES[t] = encode(infoHash(t));
            }
            for (int p = 0; p < PEERS; p++) {
                PEER_IDS[p] = encode(peerId(p));
            }
        }
    }

    static byte[] infoHash(int t) {
        byte[] hash = new byte[20];
        hash[0] = (byte) (t >> 8);
        hash[1] = (byte) t;
        for (int i = 2; i < 20; i++) {
            hash[i] = (byte) (i * 37 + t * 11);
        }
        return hash;
    }

    static byte[] peerId(int p) {
        byte[] id = new byte[20];
        System.arraycopy("-BE0001-".getBytes(StandardCharsets.US_ASCII), 0, id, 0, 8);
        id[8] = (byte) (p >> 16);
        id[9] = (byte) (p >> 8);
        id[10] = (byte) p;
        for (int i = 11; i < 20; i++) {
            id[i] = (byte) (p * 53 + (i + 1) * 151);
        }
        return id;
    }

    private static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            out.append('%').append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }

    private static void checkAnnounce(String name, String base) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + randomAnnounce()))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
        if (response.statusCode() != 200 || response.body().contains("failure reason")) {
            throw new IllegalStateException(name + " refused the bench's announce: " + response.body());
        }
    }

    private static void waitUntilListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("nothing listens on port " + port + " after 10 s", notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String find(String text, String regex, String fallback) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1).trim() : fallback;
    }

    private static TrackerConfiguration configuration(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        return (TrackerConfiguration) Proxy.newProxyInstance(TrackerBench.class.getClassLoader(),
                new Class<?>[] {TrackerConfiguration.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    private static BundleContext context(Path home) {
        return (BundleContext) Proxy.newProxyInstance(TrackerBench.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty") && "debswarm.home".equals(args[0])) {
                        return home.toString();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** {@code deactivate} is package-private, for SCR; the bench calls it reflectively, as SCR does. */
    private static void deactivate(TrackerComponent tracker) throws Exception {
        java.lang.reflect.Method deactivate = TrackerComponent.class.getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        deactivate.invoke(tracker);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private record Result(double perSecond, String p50, String p99, String errors) {
    }
}
