package org.debswarm.health.internal;

import java.net.URI;

/** The address apt is told to use, from a Jetty instance's {@code osgi.http.endpoint} property. */
final class Endpoints {

    private Endpoints() {
    }

    /**
     * @param endpoint a String or String[] of URLs such as {@code http://127.0.0.1:9988/}
     * @return {@code http://host:port} of the first one, a wildcard host as 127.0.0.1; null if there is none
     */
    static String proxyAddress(Object endpoint) {
        Object first = endpoint instanceof String[] all ? (all.length == 0 ? null : all[0]) : endpoint;
        if (!(first instanceof String url) || url.isBlank()) {
            return null;
        }
        URI uri = URI.create(url.trim());
        String host = uri.getHost();
        if (host == null || host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + uri.getPort();
    }
}
