package org.debswarm.aptlistener.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.debswarm.storage.FileKey;

/**
 * The mirrors the listener proxies (configuration {@code allowedMirrors}): no open proxy. Entries are
 * authorities, {@code deb.debian.org} or {@code 127.0.0.1:8080}; an entry without a port allows port 80. An
 * entry may start with {@code https://}: apt still names the mirror by its authority over plain HTTP to the
 * node (both forms), and the node reaches it over TLS (port 443 when the entry gives none); {@code http://}
 * is the same as no prefix.
 */
final class MirrorAllowList {

    private static final String HTTPS = "https://";
    private static final String HTTP = "http://";

    private final Set<String> authorities;
    private final Set<String> https;

    private MirrorAllowList(Set<String> authorities, Set<String> https) {
        this.authorities = Set.copyOf(authorities);
        this.https = Set.copyOf(https);
    }

    /**
     * @param entries authorities; an entry may hold several separated by commas or spaces
     * @throws IllegalArgumentException for an entry that could not be a host
     */
    static MirrorAllowList of(String... entries) {
        Set<String> authorities = new LinkedHashSet<>();
        Set<String> https = new LinkedHashSet<>();
        for (String entry : entries) {
            for (String part : entry.split("[,\\s]+")) {
                if (part.isBlank()) {
                    continue;
                }
                String lower = part.trim().toLowerCase(Locale.ROOT);
                boolean tls = lower.startsWith(HTTPS);
                String authority = tls ? lower.substring(HTTPS.length())
                        : lower.startsWith(HTTP) ? lower.substring(HTTP.length()) : lower;
                if (authority.endsWith("/")) {
                    authority = authority.substring(0, authority.length() - 1);
                }
                String normal = normalize(FileKey.checkHost(authority));
                authorities.add(normal);
                if (tls) {
                    https.add(normal);
                }
            }
        }
        return new MirrorAllowList(authorities, https);
    }

    /** @return the normalised authorities the node reaches over TLS */
    Set<String> https() {
        return https;
    }

    /** @return whether the normalised authority is listed */
    boolean allows(String authority) {
        return authorities.contains(normalize(authority));
    }

    /**
     * @param authority {@code host} or {@code host:port}
     * @return lower case, without the default port {@code :80}
     */
    static String normalize(String authority) {
        String lower = authority.toLowerCase(Locale.ROOT);
        return lower.endsWith(":80") ? lower.substring(0, lower.length() - 3) : lower;
    }

    @Override
    public String toString() {
        return String.join(", ", authorities);
    }
}
