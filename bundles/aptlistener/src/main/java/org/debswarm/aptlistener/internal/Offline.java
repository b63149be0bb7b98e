package org.debswarm.aptlistener.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serving offline: when a mirror cannot be reached, the node answers index requests from its cache (InRelease,
 * Release, Packages... as the mirror last sent them; apt still checks {@code Valid-Until} and the signatures) and
 * package requests from the store. The log says so once when a mirror goes offline, and once when it is back.
 */
final class Offline {

    private static final Logger LOG = LoggerFactory.getLogger(Offline.class);

    /** Mirror hosts found unreachable, and why (the first reason). */
    private final Map<String, String> unreachable = new ConcurrentHashMap<>();

    /**
     * @return whether a refusal means the mirror could not be reached or failed (a connection failure, a
     *         timeout, a 5xx, the governor away): then a cached copy serves; a 404 or other 4xx is an answer
     */
    static boolean unreachable(HttpRefusal refusal) {
        return refusal.status() >= 500;
    }

    /** Logs, once per spell, that {@code target}'s mirror is answered for from the cache. */
    void serving(RequestTarget target, HttpRefusal refusal) {
        if (unreachable.putIfAbsent(target.host(), refusal.getMessage()) == null) {
            LOG.warn("Mirror {} cannot be reached ({}): serving offline, cached indices and stored packages only",
                    target.host(), refusal.getMessage());
        } else {
            LOG.debug("Offline: {} from the cache", target);
        }
    }

    /** The mirror answered: ends an offline spell, saying so. */
    void reached(String host) {
        if (!unreachable.isEmpty() && unreachable.remove(host) != null) {
            LOG.info("Mirror {} answers again: serving online", host);
        }
    }
}
