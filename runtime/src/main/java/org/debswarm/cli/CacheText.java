package org.debswarm.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code debswarm cache ...} for a person, from the node's cache API answers. */
final class CacheText {

    private CacheText() {
    }

    static String render(String action, Object json) {
        if (!(json instanceof Map<?, ?> answer)) {
            return "unexpected answer: " + json + "\n";
        }
        if (answer.get("error") != null) {
            return "refused: " + answer.get("error") + "\n";
        }
        return switch (action) {
            case "", "list" -> list(answer);
            case "verify" -> verify(answer);
            default -> done(action, answer);
        };
    }

    /** A verify answer that names corrupt files makes the command fail (exit 1), so a script notices. */
    static boolean reportsCorruption(Object json) {
        return json instanceof Map<?, ?> answer && answer.get("corrupt") instanceof List<?> corrupt && !corrupt.isEmpty();
    }

    private static String list(Map<?, ?> answer) {
        StringBuilder out = new StringBuilder();
        if (answer.get("usage") instanceof Map<?, ?> usage) {
            out.append(String.format(Locale.ROOT, "store: %s of at most %s; keeps %s free on disk (%s usable)%n",
                    StatusText.bytes(usage.get("storedBytes")), StatusText.bytes(usage.get("maxStoreBytes")),
                    StatusText.bytes(usage.get("minFreeDiskBytes")), StatusText.bytes(usage.get("usableDiskBytes"))));
        }
        List<?> files = answer.get("files") instanceof List<?> l ? l : List.of();
        out.append(String.format(Locale.ROOT, "%-6s %-6s %10s  %-20s  %s%n", "PINNED", "LISTED", "SIZE", "LAST SERVED",
                "PATH"));
        for (Object f : files) {
            if (f instanceof Map<?, ?> file) {
                out.append(String.format(Locale.ROOT, "%-6s %-6s %10s  %-20s  %s%n", yes(file.get("pinned")),
                        yes(file.get("listed")), StatusText.bytes(file.get("size")), served(file.get("lastServed")),
                        file.get("path")));
            }
        }
        out.append(files.size()).append(files.size() == 1 ? " file\n" : " files\n");
        return out.toString();
    }

    private static String verify(Map<?, ?> answer) {
        List<?> corrupt = answer.get("corrupt") instanceof List<?> l ? l : List.of();
        StringBuilder out = new StringBuilder("checked " + StatusText.text(answer.get("checked")) + ", corrupt "
                + corrupt.size() + "\n");
        for (Object c : corrupt) {
            out.append("  corrupt (dropped from the store): ")
                    .append(c instanceof Map<?, ?> m ? m.get("path") : c).append('\n');
        }
        return out.toString();
    }

    private static String done(String action, Map<?, ?> answer) {
        return action + ": " + answer.get("path") + " done\n";
    }

    private static String yes(Object flag) {
        return Boolean.TRUE.equals(flag) ? "yes" : "no";
    }

    private static String served(Object instant) {
        String s = instant == null ? "" : instant.toString();
        return s.isEmpty() || s.startsWith("1970-01-01") ? "never" : s.length() > 19 ? s.substring(0, 19) : s;
    }
}
