package org.debswarm.node.internal.tracker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A raw query string as a tracker receives it, with its values percent-decoded to bytes. */
public final class Query {

    private final String raw;
    private final Map<String, String> params = new LinkedHashMap<>();

    public Query(String raw) {
        this.raw = raw == null ? "" : raw;
        for (String pair : this.raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
    }

    public String raw() {
        return raw;
    }

    /** The raw (still encoded) value, or null. */
    public String param(String name) {
        return params.get(name);
    }

    public String text(String name) {
        String value = params.get(name);
        return value == null ? null : new String(bytes(name), StandardCharsets.UTF_8);
    }

    public byte[] bytes(String name) {
        String value = params.get(name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return raw;
    }
}
