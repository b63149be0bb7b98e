package org.debswarm.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code debswarm seed} for a person, from the node's {@code /debswarm/api/seed} report. */
final class SeedText {

    private SeedText() {
    }

    static boolean running(Map<String, Object> report) {
        return "running".equals(report.get("state"));
    }

    /** Whether the import ended with every file stored, held, or left alone as unlisted. */
    static boolean clean(Map<String, Object> report) {
        return "done".equals(report.get("state")) && count(report, "corruptCount") == 0
                && count(report, "errorCount") == 0;
    }

    static String render(Map<String, Object> r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "seed import of %s: %s%n", r.get("folder"), r.get("state")));
        out.append(String.format(Locale.ROOT, "  package files looked at: %d%n", count(r, "scanned")));
        out.append(String.format(Locale.ROOT, "  stored and offered:      %d (%s)%n", count(r, "imported"),
                StatusText.bytes(r.get("importedBytes"))));
        out.append(String.format(Locale.ROOT, "  held already:            %d%n", count(r, "held")));
        out.append(String.format(Locale.ROOT, "  listed by no index:      %d (left alone)%n", count(r, "unlisted")));
        out.append(String.format(Locale.ROOT, "  corrupt (not kept):      %d%n", count(r, "corruptCount")));
        out.append(String.format(Locale.ROOT, "  errors:                  %d%n", count(r, "errorCount")));
        lines(out, r.get("corrupt"), "file", "  corrupt: ");
        lines(out, r.get("errors"), "error", "  error: ");
        return out.toString();
    }

    private static void lines(StringBuilder out, Object list, String field, String prefix) {
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m) {
                    out.append(prefix).append(m.get(field)).append('\n');
                }
            }
        }
    }

    private static long count(Map<String, Object> r, String name) {
        return r.get(name) instanceof Number n ? n.longValue() : 0;
    }
}
