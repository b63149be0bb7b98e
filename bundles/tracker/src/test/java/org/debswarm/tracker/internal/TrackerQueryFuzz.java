package org.debswarm.tracker.internal;

import java.nio.charset.StandardCharsets;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): any bytes as the raw query string of an announce and of a scrape
 * (read as ISO-8859-1, so every byte is one char, and as UTF-8, as Jetty may hand it), and as the peer address
 * literal an announce's {@code ip} carries. A {@link TrackerRequestException} (a bencoded failure reason) is the
 * documented answer to bad input; anything else escaping is a finding.
 */
public final class TrackerQueryFuzz {

    private TrackerQueryFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        for (String query : new String[] {new String(input, StandardCharsets.ISO_8859_1),
                new String(input, StandardCharsets.UTF_8)}) {
            try {
                AnnounceRequest.parse(query);
            } catch (TrackerRequestException expected) {
                // the documented refusal
            }
            try {
                ScrapeRequest.parse(query);
            } catch (TrackerRequestException expected) {
                // the documented refusal
            }
            try {
                PeerAddress.parse(query, 6881);
            } catch (TrackerRequestException expected) {
                // the documented refusal
            }
        }
    }
}
