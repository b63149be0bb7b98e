package org.debswarm.aptlistener.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which keys each mirror's Release files must be signed by: the key rings configured for that mirror
 * ({@code mirrorKeyrings}, entries {@code host=/path/to/keyring.gpg}, one per key ring, a host may repeat), or
 * else the default ones ({@code keyrings}, default {@code /usr/share/keyrings}). Values may also come as one
 * comma-separated string, as a {@code .cfg} file gives them. Key rings are read on first
 * use, not at activation, and kept for the component's life: a changed key ring takes a configuration change
 * or a restart, as for apt's own {@code Signed-By}.
 */
final class TrustedKeys {

    private final List<Path> defaults;
    private final Map<String, List<Path>> perMirror;
    private final Map<List<Path>, KeyRing> loaded = new ConcurrentHashMap<>();

    TrustedKeys(List<Path> defaults, Map<String, List<Path>> perMirror) {
        this.defaults = List.copyOf(defaults);
        this.perMirror = Map.copyOf(perMirror);
    }

    /**
     * @param keyrings the default key ring files and folders
     * @param mirrorKeyrings {@code host=path} entries
     * @throws IllegalArgumentException for an entry without {@code =}, host or path
     */
    static TrustedKeys of(String[] keyrings, String[] mirrorKeyrings) {
        List<Path> defaults = new ArrayList<>();
        for (String k : split(keyrings)) {
            defaults.add(Path.of(k));
        }
        Map<String, List<Path>> perMirror = new HashMap<>();
        for (String entry : split(mirrorKeyrings)) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("mirrorKeyrings entry '" + entry
                        + "' (expected: host=/path/to/keyring.gpg)");
            }
            String host = MirrorAllowList.normalize(entry.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT));
            perMirror.computeIfAbsent(host, h -> new ArrayList<>()).add(Path.of(entry.substring(eq + 1).strip()));
        }
        return new TrustedKeys(defaults, perMirror);
    }

    /** A .cfg file gives a list as one comma-separated string: entries are split at commas. */
    private static List<String> split(String[] values) {
        List<String> entries = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    entries.add(part.strip());
                }
            }
        }
        return entries;
    }

    /** @return the keys that may sign the Release files of {@code host} */
    KeyRing forMirror(String host) {
        List<Path> locations = perMirror.getOrDefault(host, defaults);
        return loaded.computeIfAbsent(locations, KeyRing::load);
    }

    @Override
    public String toString() {
        return "default " + defaults + ", per mirror " + perMirror;
    }
}
