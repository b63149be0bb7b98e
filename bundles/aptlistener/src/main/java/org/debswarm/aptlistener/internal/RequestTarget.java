package org.debswarm.aptlistener.internal;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * What apt asked for, whichever form it used: the mirror host and the path on it.
 *
 * @param host the mirror's authority, lower case, {@code name} or {@code name:port} (port only when not 80)
 * @param path the decoded path on the mirror, relative (no leading slash), validated by {@link PathDecoder}
 * @param proxyForm true for a forward-proxy request ({@code GET http://mirror/path}), false for the URL
 *        prefix form ({@code GET /mirror/path})
 */
record RequestTarget(String host, String path, boolean proxyForm) {

    /** @return the URI of the file on the mirror, by the scheme {@code settings} gives this mirror */
    URI mirrorUri(Settings settings) {
        return mirrorUri(settings.schemeFor(host));
    }

    /**
     * @param scheme {@code http} or {@code https}
     * @return the URI of the file on the mirror, its path encoded again as RFC 3986 requires
     */
    URI mirrorUri(String scheme) {
        try {
            return new URI(scheme + "://" + host + new URI(null, null, "/" + path, null).toASCIIString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("validated path " + path + " gave no URI", e);
        }
    }

    @Override
    public String toString() {
        return host + "/" + path;
    }
}
