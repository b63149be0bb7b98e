package org.debswarm.node.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.debswarm.torrent.MetaInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracker URLs as tiers (BEP 12). Only HTTP and HTTPS trackers are used; others ({@code udp://}, BEP 15) are
 * left out with a warning.
 */
final class TrackerUrls {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerUrls.class);

    private TrackerUrls() {
    }

    /** The configured trackers, each its own tier, in order. */
    static List<List<URI>> configured(String[] trackers) {
        List<List<URI>> tiers = new ArrayList<>();
        for (String tracker : trackers) {
            if (!tracker.isBlank()) {
                usable(tracker.strip()).ifPresent(uri -> tiers.add(List.of(uri)));
            }
        }
        return tiers;
    }

    /** A .torrent's {@code announce-list} tiers, each shuffled as BEP 12 asks, else its {@code announce}. */
    static List<List<URI>> of(MetaInfo torrent, Random random) {
        List<List<URI>> tiers = new ArrayList<>();
        for (List<String> tier : torrent.announceTiers()) {
            List<URI> uris = new ArrayList<>();
            tier.forEach(url -> usable(url).ifPresent(uris::add));
            Collections.shuffle(uris, random);
            if (!uris.isEmpty()) {
                tiers.add(uris);
            }
        }
        if (tiers.isEmpty()) {
            torrent.announce().flatMap(TrackerUrls::usable).ifPresent(uri -> tiers.add(List.of(uri)));
        }
        return tiers;
    }

    static java.util.Optional<URI> usable(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return java.util.Optional.of(uri);
            }
            LOG.warn("Tracker {} left out (expected: an http or https URL)", url);
        } catch (URISyntaxException e) {
            LOG.warn("Tracker {} left out: {}", url, e.getMessage());
        }
        return java.util.Optional.empty();
    }
}
