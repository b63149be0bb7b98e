package org.debswarm.aptlistener.internal;

import java.util.List;
import java.util.Locale;

import org.debswarm.storage.FileKey;

/**
 * Turns a request line into a {@link RequestTarget}, in either form apt uses:
 * <ul>
 * <li>URL prefix, {@code deb http://localhost:9988/deb.debian.org/debian bookworm main}: origin-form
 * requests {@code GET /deb.debian.org/debian/dists/...}, the first segment naming the mirror;</li>
 * <li>forward proxy, {@code Acquire::http::Proxy "http://localhost:9988"}: absolute-form requests
 * {@code GET http://deb.debian.org/debian/dists/...} (<a href="https://www.rfc-editor.org/rfc/rfc9112#section-3.2.2">RFC
 * 9112 section 3.2.2</a>).</li>
 * </ul>
 * The servlet container presents both with the same API (an origin-form request gets its authority from
 * {@code Host}), so the form is told by the authority: one naming this listener (its port, and not an
 * allowed mirror elsewhere) is the prefix form, any other names the mirror.
 */
final class TargetParser {

    private final MirrorAllowList mirrors;
    private final int maxUriLength;

    TargetParser(MirrorAllowList mirrors, int maxUriLength) {
        this.mirrors = mirrors;
        this.maxUriLength = maxUriLength;
    }

    /**
     * @param rawPath the raw (still encoded) request path, as {@code HttpServletRequest#getRequestURI()}
     * @param query the raw query string or null
     * @param serverName the host of the request's authority
     * @param serverPort the port of the request's authority
     * @param localPort the port the connection reached on this node
     * @return the target
     * @throws HttpRefusal 414 for an overlong target, 400 for a malformed one, 403 for a mirror that is not allowed
     */
    RequestTarget parse(String rawPath, String query, String serverName, int serverPort, int localPort)
            throws HttpRefusal {
        int length = (rawPath == null ? 0 : rawPath.length()) + (query == null ? 0 : query.length() + 1);
        if (length > maxUriLength) {
            throw new HttpRefusal(414, "request target of length " + length + " (expected: <= " + maxUriLength + ")");
        }
        if (query != null) {
            throw HttpRefusal.badRequest("query strings are not part of a Debian archive path");
        }
        List<String> segments = PathDecoder.segments(rawPath);
        String authority = authority(serverName, serverPort);
        if (isProxyForm(authority, serverName, serverPort, localPort)) {
            return target(authority, segments, true);
        }
        if (segments.size() < 2) {
            throw HttpRefusal.badRequest("path " + rawPath + " names no file (expected: /<mirror-host>/<path>,"
                    + " as in deb http://localhost:" + localPort + "/deb.debian.org/debian bookworm main)");
        }
        return target(segments.get(0), segments.subList(1, segments.size()), false);
    }

    private boolean isProxyForm(String authority, String serverName, int serverPort, int localPort) {
        if (serverPort != localPort) {
            return true;
        }
        return mirrors.allows(authority) && !isLoopbackName(serverName);
    }

    private RequestTarget target(String authority, List<String> path, boolean proxyForm) throws HttpRefusal {
        String host;
        try {
            host = MirrorAllowList.normalize(FileKey.checkHost(authority));
        } catch (IllegalArgumentException e) {
            throw HttpRefusal.badRequest("mirror " + e.getMessage());
        }
        if (!mirrors.allows(host)) {
            throw HttpRefusal.forbidden("mirror '" + host + "' is not allowed: this node proxies only " + mirrors
                    + "; add it to allowedMirrors of the configuration PID " + AptListener.PID
                    + " (the Web Console, or deploy/" + AptListener.PID + ".cfg)");
        }
        return new RequestTarget(host, String.join("/", path), proxyForm);
    }

    private static String authority(String serverName, int serverPort) {
        String host = serverName == null ? "" : serverName.toLowerCase(Locale.ROOT);
        return serverPort <= 0 || serverPort == 80 ? host : host + ":" + serverPort;
    }

    private static boolean isLoopbackName(String serverName) {
        String name = serverName == null ? "" : serverName.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]") || name.equals("::1");
    }
}
