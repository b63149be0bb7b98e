package org.debswarm.node;

import java.util.Objects;

/**
 * One thing the node can tell is wrong with how it is set up: something that keeps peers from reaching it, or it
 * from reaching them, as it is configured now (docs/fleet.md, "Traps").
 *
 * @param key     what is wrong, stable while it stays wrong, so that consoles and scripts can tell two warnings
 *                apart (for example {@code tracker-unreachable http://10.0.0.1:6969/announce})
 * @param text    what the node saw, for people
 * @param setting the setting to change, with its PID (for example {@code trackers (PID org.debswarm.node)})
 * @since 1.1
 */
public record NodeWarning(String key, String text, String setting) {

    /** Checks that nothing is null or blank. */
    public NodeWarning {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(setting, "setting");
        if (key.isBlank()) {
            throw new IllegalArgumentException("blank key");
        }
    }
}
