package org.debswarm.itests.apt;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.debswarm.itests.NodeProcess;

/**
 * What a node process tells programs outside it: the torrents its peer wire runs ({@code sessions} of
 * {@code /debswarm/stats.json}), the apt listener's index parse counts ({@code /metrics}), and the torrents its own
 * tracker heard of ({@code /stats.json} of the tracker port).
 */
final class NodeReadings {

    /** One torrent: info hash (hex), name, and (for a running session) its total bytes, else -1. */
    record Torrent(String infoHash, String name, long totalBytes) {
    }

    static final String PACKAGES_PARSED = "debswarm_apt_indices_parsed_total{kind=\"packages\"}";
    static final String SOURCES_PARSED = "debswarm_apt_indices_parsed_total{kind=\"sources\"}";
    static final String RELEASES_READ = "debswarm_apt_releases_read_total";
    static final String UNCHANGED_RELEASES = "debswarm_apt_unchanged_total{kind=\"release\"}";

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern TORRENT = Pattern.compile(
            "\\{\"infoHash\":\"([0-9a-f]{40})\",\"name\":\"((?:[^\"\\\\]|\\\\.)*)\"(?:,\"totalBytes\":(\\d+))?");
    private static final Pattern APT_SAMPLE = Pattern.compile("(?m)^(debswarm_apt_[a-z_]+(?:\\{[^}]*\\})?) (\\d+)$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @return the torrents the node's peer wire runs now */
    List<Torrent> running(NodeProcess node) throws IOException, InterruptedException {
        String json = get("http://127.0.0.1:" + node.consolePort() + "/debswarm/stats.json");
        int sessions = json.indexOf("\"sessions\":[");
        return sessions < 0 ? List.of() : torrents(json.substring(sessions));
    }

    /** @return the torrents the node's own tracker has heard of */
    List<Torrent> tracked(NodeProcess node) throws IOException, InterruptedException {
        return torrents(get("http://127.0.0.1:" + node.trackerPort() + "/stats.json"));
    }

    /** @return the apt listener's index parse counts from {@code /metrics}, by sample name with its labels */
    Map<String, Long> indexReading(NodeProcess node) throws IOException, InterruptedException {
        Map<String, Long> samples = new HashMap<>();
        Matcher m = APT_SAMPLE.matcher(get("http://127.0.0.1:" + node.consolePort() + "/metrics"));
        while (m.find()) {
            samples.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return samples;
    }

    /**
     * Reads {@code reading} every 200 ms until it satisfies {@code condition} or the deadline passes, and
     * fails with the last one read then. The node makes and announces torrents on its own threads, in another
     * process: there is no event to wait on.
     */
    <T> T await(String what, NodeProcess node, Reading<T> reading, Predicate<T> condition) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        T last = reading.read(node);
        while (!condition.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " within " + DEADLINE + "; last reading: " + last + "\nnode output:\n"
                        + node.output());
            }
            Thread.sleep(200);
            last = reading.read(node);
        }
        return last;
    }

    /** One of the readings above. */
    @FunctionalInterface
    interface Reading<T> {
        T read(NodeProcess node) throws IOException, InterruptedException;
    }

    private static List<Torrent> torrents(String json) {
        List<Torrent> torrents = new ArrayList<>();
        Matcher m = TORRENT.matcher(json);
        while (m.find()) {
            torrents.add(new Torrent(m.group(1), m.group(2), m.group(3) == null ? -1 : Long.parseLong(m.group(3))));
        }
        return torrents;
    }

    private String get(String uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
    }
}
