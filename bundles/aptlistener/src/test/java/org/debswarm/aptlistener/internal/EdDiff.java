package org.debswarm.aptlistener.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal {@code diff --ed} for tests: one command for the block between the common first and last lines of
 * two texts (enough for a Packages file that gains, loses or changes entries in one place).
 */
final class EdDiff {

    private EdDiff() {
    }

    static String between(byte[] before, byte[] after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        int removed = a.size() - prefix - suffix;
        List<String> added = b.subList(prefix, b.size() - suffix);
        StringBuilder ed = new StringBuilder();
        if (removed == 0 && added.isEmpty()) {
            return "";
        }
        if (removed == 0) {
            ed.append(prefix).append("a\n");
        } else {
            ed.append(prefix + 1).append(removed > 1 ? "," + (prefix + removed) : "").append(added.isEmpty() ? "d\n" : "c\n");
        }
        if (!added.isEmpty()) {
            added.forEach(l -> ed.append(l).append('\n'));
            ed.append(".\n");
        }
        return ed.toString();
    }

    private static List<String> lines(byte[] text) {
        String s = new String(text, StandardCharsets.UTF_8);
        return s.isEmpty() ? List.of() : Arrays.asList(s.substring(0, s.length() - 1).split("\n", -1));
    }
}
