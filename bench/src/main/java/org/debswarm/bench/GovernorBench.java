package org.debswarm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;
import org.debswarm.governor.internal.JettyHttpGovernor;
import org.debswarm.governor.internal.JettyHttpGovernorConfiguration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * Throughput of one large download over loopback: through the governor, through a bare Jetty
 * {@link HttpClient} (blocking stream, the governor's shape; and asynchronous, the ceiling) and
 * through curl. Target: the governor within 10% of the bare client's blocking stream.
 * <p>
 * Usage: {@code GovernorBench [size in MiB=1024] [measured rounds=3] [sparse|random]}. A sparse
 * file costs no disk and reads as zeros from the page cache; HTTP does not compress, so the
 * content does not matter to the transfer.
 */
public final class GovernorBench {

    private static final int BUFFER = 64 * 1024;

    private interface Download {
        long run(URI uri) throws Exception;
    }

    private GovernorBench() {
    }

    public static void main(String[] args) throws Exception {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 1024) << 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean random = args.length > 2 && args[2].equals("random");
        Path dir = Files.createTempDirectory("governor-bench");
        Path file = dir.resolve("big.deb");
        Server server = null;
        JettyHttpGovernor governor = null;
        HttpClient bare = new HttpClient();
        try {
            create(file, size, random);
            server = serve(dir);
            URI uri = URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
                    + "/big.deb");
            governor = new JettyHttpGovernor(defaults());
            bare.setResponseBufferSize(BUFFER); // the governor's setting, so that only the governor differs
            bare.start();
            bare.getContentDecoderFactories().clear();

            Map<String, Download> downloads = new LinkedHashMap<>();
            JettyHttpGovernor g = governor;
            downloads.put("governor (InputStream)", u -> viaGovernor(g, u));
            downloads.put("bare Jetty (InputStreamResponseListener)", u -> viaJettyStream(bare, u));
            downloads.put("bare Jetty (async Content.Source)", u -> viaJettyAsync(bare, u));
            if (Files.isExecutable(Path.of("/usr/bin/curl"))) {
                downloads.put("curl", GovernorBench::viaCurl);
            }
            report(measure(downloads, uri, size, rounds), size, rounds, random);
        } finally {
            if (governor != null) {
                governor.close();
            }
            bare.stop();
            if (server != null) {
                server.stop();
            }
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static Map<String, List<Double>> measure(Map<String, Download> downloads, URI uri, long size, int rounds)
            throws Exception {
        Map<String, List<Double>> results = new LinkedHashMap<>();
        downloads.keySet().forEach(name -> results.put(name, new ArrayList<>()));
        List<Map.Entry<String, Download>> order = new ArrayList<>(downloads.entrySet());
        for (int round = 0; round <= rounds; round++) { // round 0 warms up and is not counted
            java.util.Collections.rotate(order, 1); // each path takes each place in the order in turn
            for (Map.Entry<String, Download> d : order) {
                long start = System.nanoTime();
                long bytes = d.getValue().run(uri);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (bytes != size) {
                    throw new IllegalStateException(d.getKey() + " got " + bytes + " bytes (expected: " + size + ")");
                }
                if (round > 0) {
                    results.get(d.getKey()).add(bytes / seconds / 1e6);
                }
            }
        }
        return results;
    }

    private static long viaGovernor(JettyHttpGovernor governor, URI uri) throws Exception {
        try (MirrorResponse response = governor.fetch(MirrorRequest.get(uri).build()).get(60, TimeUnit.SECONDS)) {
            return drain(response.body());
        }
    }

    private static long viaJettyStream(HttpClient client, URI uri) throws Exception {
        InputStreamResponseListener listener = new InputStreamResponseListener();
        client.newRequest(uri).send(listener);
        listener.get(60, TimeUnit.SECONDS);
        try (InputStream in = listener.getInputStream()) {
            return drain(in);
        }
    }

    private static long viaJettyAsync(HttpClient client, URI uri) throws Exception {
        AtomicLong bytes = new AtomicLong();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Request request = client.newRequest(uri).onResponseContentSource((response, source) -> consume(source, bytes));
        request.send(result -> {
            if (result.isFailed()) {
                done.completeExceptionally(result.getFailure());
            } else {
                done.complete(null);
            }
        });
        done.get(120, TimeUnit.SECONDS);
        return bytes.get();
    }

    /** The read/demand loop of Jetty's documentation: every chunk consumed on the I/O thread. */
    private static void consume(Content.Source source, AtomicLong bytes) {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(() -> consume(source, bytes));
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                return; // the complete listener reports it
            }
            bytes.addAndGet(chunk.remaining());
            chunk.release();
            if (chunk.isLast()) {
                return;
            }
        }
    }

    private static long viaCurl(URI uri) throws Exception {
        Process curl = new ProcessBuilder("/usr/bin/curl", "-s", "-o", "/dev/null", "-w", "%{size_download}",
                uri.toString()).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes()).trim();
        if (!curl.waitFor(120, TimeUnit.SECONDS) || curl.exitValue() != 0) {
            throw new IOException("curl failed: " + out);
        }
        return Long.parseLong(out);
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0;) {
            total += n;
        }
        return total;
    }

    private static void create(Path file, long size, boolean random) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (!random) {
                raf.setLength(size);
                return;
            }
            byte[] block = new byte[1 << 20];
            Random rng = new Random(1);
            for (long written = 0; written < size; written += block.length) {
                rng.nextBytes(block);
                raf.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
    }

    private static Server serve(Path dir) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.root().newResource(dir));
        server.setHandler(files);
        server.start();
        return server;
    }

    /** The component's configuration with every default, as DS would pass it without a .cfg file. */
    private static JettyHttpGovernorConfiguration defaults() {
        return (JettyHttpGovernorConfiguration) Proxy.newProxyInstance(GovernorBench.class.getClassLoader(),
                new Class<?>[] {JettyHttpGovernorConfiguration.class},
                (proxy, method, args) -> method.getDefaultValue());
    }

    private static void report(Map<String, List<Double>> results, long size, int rounds, boolean random) {
        System.out.printf(Locale.ROOT, "%n%d MiB %s file over loopback, %d measured rounds (after one warm-up),"
                + " MB/s = 10^6 bytes/s, %d cores%n", size >> 20, random ? "random" : "sparse", rounds,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-42s %8s %8s   %s%n", "path", "median", "best", "every round");
        results.forEach((name, rates) -> System.out.printf(Locale.ROOT, "%-42s %8.0f %8.0f   %s%n", name,
                median(rates), rates.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList()));
        List<Double> governor = results.get("governor (InputStream)");
        ratio("bare Jetty stream", governor, results.get("bare Jetty (InputStreamResponseListener)"));
        ratio("bare Jetty async ", governor, results.get("bare Jetty (async Content.Source)"));
    }

    /** Rounds run side by side, so the ratio of each round cancels most of the machine's load swings. */
    private static void ratio(String name, List<Double> governor, List<Double> other) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < governor.size(); i++) {
            ratios.add(governor.get(i) / other.get(i));
        }
        double median = median(ratios);
        System.out.printf(Locale.ROOT, "governor / %s: %.1f%% (cost %.1f%%), median of per-round ratios%n", name,
                100 * median, 100 * (1 - median));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
