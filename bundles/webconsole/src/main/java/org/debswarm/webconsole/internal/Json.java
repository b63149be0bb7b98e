package org.debswarm.webconsole.internal;

import java.time.Instant;
import java.util.Locale;

/**
 * A JSON text being written (<a href="https://www.rfc-editor.org/rfc/rfc8259">RFC 8259</a>), with commas
 * placed by the writer. Strings escape quotes, backslashes and control characters, and also {@code <},
 * {@code >}, {@code &}, U+2028 and U+2029, so that the text stays inert if pasted into HTML or a script.
 */
final class Json {

    private final StringBuilder out = new StringBuilder(8192);
    private boolean first = true;

    Json begin() {
        return separate().raw('{', true);
    }

    Json end() {
        return raw('}', false);
    }

    Json beginArray(String name) {
        return key(name).raw('[', true);
    }

    Json endArray() {
        return raw(']', false);
    }

    /** Starts a named member whose value the next call writes (an object or array). */
    Json key(String name) {
        separate();
        string(name);
        out.append(':');
        first = true; // the value follows without a comma
        return this;
    }

    Json field(String name, String value) {
        key(name);
        first = false;
        string(value);
        return this;
    }

    Json field(String name, long value) {
        key(name);
        first = false;
        out.append(value);
        return this;
    }

    Json field(String name, double value) {
        key(name);
        first = false;
        out.append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "0");
        return this;
    }

    Json field(String name, boolean value) {
        key(name);
        first = false;
        out.append(value);
        return this;
    }

    /** An instant as ISO-8601 text, or {@code null} for {@link Instant#EPOCH} (never). */
    Json field(String name, Instant value) {
        if (value.equals(Instant.EPOCH)) {
            key(name);
            first = false;
            out.append("null");
            return this;
        }
        return field(name, value.toString());
    }

    Json nullField(String name) {
        key(name);
        first = false;
        out.append("null");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private Json separate() {
        if (!first) {
            out.append(',');
        }
        return this;
    }

    private Json raw(char c, boolean opens) {
        out.append(c);
        first = opens;
        return this;
    }

    private void string(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
