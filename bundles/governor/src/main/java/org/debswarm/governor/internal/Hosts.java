package org.debswarm.governor.internal;

import java.net.URI;
import java.util.Locale;

/** How the governor names a host: the unit of its per-host limit and counters. */
final class Hosts {

    private Hosts() {
    }

    /**
     * @return {@code name} or {@code name:port}, the port only when it is not the scheme's
     *         default, so that two mirrors on one machine (or two test servers on loopback) are two hosts
     */
    static String key(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        return port < 0 || port == defaultPort(uri.getScheme()) ? host : host + ":" + port;
    }

    static int effectivePort(URI uri) {
        return uri.getPort() < 0 ? defaultPort(uri.getScheme()) : uri.getPort();
    }

    static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** @return {@code uri} with its host and port replaced, path and query kept as sent */
    static URI withAuthority(URI uri, String host, int port) {
        String authority = port < 0 ? host : host + ":" + port;
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(uri.getScheme() + "://" + authority + path + query);
    }
}
