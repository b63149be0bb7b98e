package org.debswarm.cli;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/** {@code debswarm status} for a person, from the node's {@code /debswarm/api/status}. */
final class StatusText {

    private StatusText() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object json) throws CliFailure {
        if (json instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new CliFailure(ExitCodes.FAILED, "the node's status is not a JSON object");
    }

    static String render(URI node, Map<String, Object> s) {
        boolean ready = Boolean.TRUE.equals(s.get("ready"));
        StringBuilder out = new StringBuilder();
        out.append("Debswarm node at ").append(node).append(": ")
                .append(ready ? "ready" : "NOT READY (waiting for " + s.get("waitingFor") + ")").append('\n');
        out.append(String.format(Locale.ROOT, "  peers connected: %s, torrents: %s%n", text(s.get("connectedPeers")),
                text(s.get("torrents"))));
        Object share = s.get("peerShare");
        out.append(String.format(Locale.ROOT, "  downloaded:      %s from peers, %s from mirrors (%s from peers)%n",
                bytes(s.get("fromPeersBytes")), bytes(s.get("fromMirrorsBytes")),
                share instanceof Number n ? String.format(Locale.ROOT, "%.1f %%", n.doubleValue() * 100) : "?"));
        Object limit = s.get("storeLimitBytes");
        out.append(String.format(Locale.ROOT, "  store:           %s in %s files, limit %s%n", bytes(s.get("storeUsedBytes")),
                text(s.get("storeFiles")), limit == null ? "none" : bytes(limit)));
        return out.toString();
    }

    static String text(Object value) {
        return value == null ? "?" : value instanceof Number n ? Long.toString(n.longValue()) : value.toString();
    }

    /** Binary units, one decimal: 0 B, 1023 B, 1.0 KiB, 232.4 MiB. */
    static String bytes(Object value) {
        if (!(value instanceof Number n)) {
            return "?";
        }
        double b = n.doubleValue();
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%d B", n.longValue()) : String.format(Locale.ROOT, "%.1f %s", b, units[u]);
    }
}
