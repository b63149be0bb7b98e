package org.debswarm.itests.apt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Debian mirror on a free loopback port, serving a folder as a mirror does: GET and HEAD, Last-Modified
 * and 304 for If-Modified-Since, 206 for a single Range. Every request is logged. Chosen paths can be sent
 * slowly (for a node to be killed in the middle). Optionally ({@link #limited}) all responses together share
 * one link of a fixed rate, as a busy mirror's uplink would. The JDK's own HTTP server keeps the test classpath
 * free of a second Jetty.
 */
final class MirrorServer implements AutoCloseable {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,18})-(\\d{0,18})");

    private final Path root;
    private final HttpServer server;
    private final ExecutorService threads;
    private final Link link;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> requesters = new ConcurrentHashMap<>();
    private final Set<String> slow = ConcurrentHashMap.newKeySet();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> sent = new ConcurrentHashMap<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

    /** Someone waiting for {@code bytes} of {@code path} to have been sent. */
    private record Waiter(String path, long bytes, CompletableFuture<Void> reached) {
    }

    MirrorServer(Path root) throws IOException {
        this(root, null, 8);
    }

    /**
     * A mirror whose responses together send at most {@code bytesPerSecond} (a token bucket shared by every
     * connection, with a burst of 50 ms), with enough threads for many nodes' connections at once.
     */
    static MirrorServer limited(Path root, long bytesPerSecond) throws IOException {
        return new MirrorServer(root, new Link(bytesPerSecond), 64, "127.0.0.1");
    }

    /** A mirror listening on {@code address} (a test LAN's own address), with threads for many nodes. */
    static MirrorServer on(Path root, String address) throws IOException {
        return new MirrorServer(root, null, 64, address);
    }

    /** A mirror over TLS (HTTPS) with the given server context (its key and certificate chain). */
    static MirrorServer tls(Path root, javax.net.ssl.SSLContext context) throws IOException {
        return new MirrorServer(root, null, 8, "127.0.0.1", context);
    }

    private MirrorServer(Path root, Link link, int threadCount) throws IOException {
        this(root, link, threadCount, "127.0.0.1", null);
    }

    private MirrorServer(Path root, Link link, int threadCount, String address) throws IOException {
        this(root, link, threadCount, address, null);
    }

    private MirrorServer(Path root, Link link, int threadCount, String address, javax.net.ssl.SSLContext tls)
            throws IOException {
        this.root = root;
        this.link = link;
        this.threads = Executors.newFixedThreadPool(threadCount);
        InetSocketAddress bound = new InetSocketAddress(address, 0);
        if (tls == null) {
            this.server = HttpServer.create(bound, 50);
        } else {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(bound, 50);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            this.server = https;
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** @return the folder served */
    Path root() {
        return root;
    }

    /** @return {@code <address>:<port>}, {@code 127.0.0.1:<port>} unless made {@link #on} another address */
    String authority() {
        return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** @return every request so far, as {@code GET /path} (plus {@code IMS} or {@code Range: ...}) */
    List<String> log() {
        return log;
    }

    /** @return how many GET requests reached {@code path} (relative, no leading slash) */
    long gets(String path) {
        return log.stream().filter(l -> l.startsWith("GET /" + path + " ") || l.equals("GET /" + path)).count();
    }

    /** @return the addresses that asked for {@code path} (relative, no leading slash), in order */
    List<String> requesters(String path) {
        return List.copyOf(requesters.getOrDefault("/" + path, List.of()));
    }

    /** Sends {@code path} at about 1 MB/s. */
    void slow(String path) {
        slow.add("/" + path);
    }

    /** Sends {@code path} at full speed again. */
    void fast(String path) {
        slow.remove("/" + path);
    }

    /** @return completes once {@code bytes} of {@code path} have been sent, in all responses together */
    CompletableFuture<Void> whenSent(String path, long bytes) {
        Waiter waiter = new Waiter("/" + path, bytes, new CompletableFuture<>());
        waiters.add(waiter);
        count(waiter.path(), 0);
        return waiter.reached();
    }

    /** Body bytes sent of {@code path}, in all responses together. */
    long sent(String path) {
        return sent(p -> p.equals("/" + path));
    }

    /** @return the body bytes sent so far for every path (as requested, with a leading slash) that matches */
    long sent(java.util.function.Predicate<String> paths) {
        return sent.entrySet().stream().filter(e -> paths.test(e.getKey())).mapToLong(e -> e.getValue().get()).sum();
    }

    private void count(String path, long bytes) {
        long total = sent.computeIfAbsent(path, p -> new java.util.concurrent.atomic.AtomicLong()).addAndGet(bytes);
        waiters.stream().filter(w -> w.path().equals(path) && total >= w.bytes()).forEach(w -> w.reached().complete(null));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String range = exchange.getRequestHeaders().getFirst("Range");
            String since = exchange.getRequestHeaders().getFirst("If-Modified-Since");
            log.add(method + " " + path + (since == null ? "" : " IMS") + (range == null ? "" : " Range: " + range));
            requesters.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                    .add(exchange.getRemoteAddress().getAddress().getHostAddress());
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Instant modified = Files.getLastModifiedTime(file).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            exchange.getResponseHeaders().set("Last-Modified", HTTP_DATE.format(ZonedDateTime.ofInstant(modified, ZoneOffset.UTC)));
            if (since != null && notModified(since, modified)) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            send(exchange, file, range, method.equals("HEAD"));
        }
    }

    private void send(HttpExchange exchange, Path file, String range, boolean head) throws IOException {
        long size = Files.size(file);
        long first = 0;
        long last = size - 1;
        int status = 200;
        Matcher m = range == null ? null : RANGE.matcher(range.trim());
        if (m != null && m.matches() && Long.parseLong(m.group(1)) < size) {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            status = 206;
            exchange.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + size);
        }
        long length = last - first + 1;
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        boolean throttle = slow.contains(exchange.getRequestURI().getRawPath());
        try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
            in.skipNBytes(first);
            byte[] buffer = new byte[throttle ? 32 * 1024 : 64 * 1024];
            for (long left = length; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (link != null) {
                    link.take(n);
                }
                out.write(buffer, 0, n);
                left -= n;
                count(exchange.getRequestURI().getRawPath(), n);
                if (throttle) {
                    out.flush();
                    pause(30);
                }
            }
        }
    }

    /**
     * The mirror's uplink: a token bucket filled at {@code bytesPerSecond} that holds at most 50 ms of it. Each
     * chunk reserves its time on the link and its sender sleeps until then, so concurrent responses share the
     * rate in the order they asked.
     */
    private static final class Link {
        private static final long BURST_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
        private final double nanosPerByte;
        private long nextFree = System.nanoTime();

        Link(long bytesPerSecond) {
            if (bytesPerSecond <= 0) {
                throw new IllegalArgumentException("a rate must be positive: " + bytesPerSecond);
            }
            this.nanosPerByte = 1e9 / bytesPerSecond;
        }

        void take(int bytes) throws java.io.InterruptedIOException {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                nextFree = Math.max(nextFree, now - BURST_NANOS) + (long) (bytes * nanosPerByte);
                wait = nextFree - now;
            }
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("the mirror is closing");
                }
            }
        }
    }

    private static boolean notModified(String since, Instant modified) {
        try {
            return !modified.isAfter(ZonedDateTime.parse(since, HTTP_DATE).toInstant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
