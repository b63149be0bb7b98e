package org.debswarm.itests.apt;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.debswarm.itests.NodeProcess;

/**
 * A node's totals ({@code fromPeers}, {@code fromMirrors}, {@code uploaded}, {@code connectedPeers}, ...) as its
 * console port reports them in {@code /debswarm/stats.json}, for programs outside the node that wait on them.
 */
final class NodeTotals {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @return the numeric fields of the {@code "node"} object (empty while the statistics are not up) */
    Map<String, Long> read(NodeProcess node) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.consolePort() + "/debswarm/stats.json")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? nodeFields(response.body()) : Map.of();
    }

    /**
     * Reads the totals every 200 ms until they satisfy {@code condition} or {@code deadline} passes, and returns
     * the last ones read. The figures are sampled by another process on its own schedule: there is no event.
     */
    Map<String, Long> await(NodeProcess node, Predicate<Map<String, Long>> condition, Duration deadline)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        Map<String, Long> last = read(node);
        while (!condition.test(last) && System.nanoTime() < end) {
            Thread.sleep(200);
            last = read(node);
        }
        return last;
    }

    /** The numbers directly inside {@code "node":{...}}, which holds only flat fields and flat objects. */
    static Map<String, Long> nodeFields(String json) {
        Map<String, Long> fields = new HashMap<>();
        int start = json.indexOf("\"node\":{");
        if (start < 0) {
            return fields;
        }
        int depth = 0;
        int end = start + "\"node\":".length();
        for (; end < json.length(); end++) {
            char c = json.charAt(end);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0) {
                break;
            }
        }
        Matcher m = FIELD.matcher(json.substring(start + "\"node\":".length(), Math.min(end + 1, json.length())));
        while (m.find()) {
            fields.putIfAbsent(m.group(1), Long.parseLong(m.group(2)));
        }
        return fields;
    }
}
