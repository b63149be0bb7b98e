package org.debswarm.consoleguard.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Origins as RFC 6454 defines them: scheme, host and port, compared case-insensitively with the scheme's default
 * port filled in ({@code http://127.0.0.1:8080}). An opaque origin ({@code null}, a {@code data:} or
 * {@code file:} page) or anything unreadable has none, and is the same as no server.
 */
final class Origins {

    private Origins() {
    }

    /** Whether an {@code Origin} or {@code Referer} header names the origin the request was sent to. */
    static boolean sameAsServer(String header, HttpServletRequest request) {
        String origin = ofHeader(header);
        return origin != null && origin.equals(ofServer(request));
    }

    static String ofHeader(String header) {
        try {
            URI uri = new URI(header.strip());
            return of(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (URISyntaxException unreadable) {
            return null;
        }
    }

    /** As the server sees it: the request's scheme, and the host and port of its Host header. */
    static String ofServer(HttpServletRequest request) {
        return of(request.getScheme(), request.getServerName(), request.getServerPort());
    }

    private static String of(String scheme, String host, int port) {
        if (scheme == null || host == null || host.isEmpty()) {
            return null;
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        int defaultPort = s.equals("http") ? 80 : s.equals("https") ? 443 : -1;
        if (defaultPort < 0) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return s + "://" + h + ":" + (port < 0 ? defaultPort : port);
    }
}
