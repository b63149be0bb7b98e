package org.debswarm.webconsole.internal;

import java.util.Locale;

/**
 * The Prometheus text exposition format 0.0.4
 * (<a href="https://prometheus.io/docs/instrumenting/exposition_formats/">exposition formats</a>): each
 * family is one {@code # HELP} line, one {@code # TYPE} line, then its samples, all together. In label
 * values {@code \}, {@code "} and line feed are escaped as the format says; other control characters
 * become U+FFFD so that a hostile name can neither end a sample nor forge a line.
 */
final class PrometheusText {

    /** The content type a scraper expects for this format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(8192);

    /** Starts a family; {@code type} is {@code counter} or {@code gauge}. */
    PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ');
        escape(help, false, out);
        out.append("\n# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** A sample of the current family; {@code labels} alternates names (constants) and values (escaped). */
    PrometheusText sample(String name, double value, String... labels) {
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i + 1 < labels.length; i += 2) {
                out.append(i == 0 ? "" : ",").append(labels[i]).append("=\"");
                escape(labels[i + 1], true, out);
                out.append('"');
            }
            out.append('}');
        }
        return append(value);
    }

    private PrometheusText append(double value) {
        out.append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(String.format(Locale.ROOT, "%.3f", value));
        }
        out.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String escapeLabelValue(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        escape(value, true, sb);
        return sb.toString();
    }

    // HELP text escapes only backslash and line feed; label values also the double quote.
    private static void escape(String value, boolean label, StringBuilder sb) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '"' && label) {
                sb.append("\\\"");
            } else {
                sb.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validPair(value, i) ? '\ufffd' : c);
                if (Character.isHighSurrogate(c) && validPair(value, i)) {
                    sb.append(value.charAt(++i));
                }
            }
        }
    }

    private static boolean validPair(String value, int i) {
        char c = value.charAt(i);
        return Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
    }
}
