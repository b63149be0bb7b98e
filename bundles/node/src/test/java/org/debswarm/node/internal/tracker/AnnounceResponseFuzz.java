package org.debswarm.node.internal.tracker;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): any bytes as a tracker's announce response (what any tracker a
 * torrent names may send), within a 64 KiB limit. A {@link TrackerException} is the documented answer to bad
 * input; anything else escaping is a finding.
 */
public final class AnnounceResponseFuzz {

    private static final AnnounceResponseParser PARSER = new AnnounceResponseParser(64 * 1024);

    private AnnounceResponseFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        try {
            AnnounceResponse response = PARSER.parse(input);
            response.peers().forEach(p -> p.getPort());
        } catch (TrackerException expected) {
            // the documented refusal
        }
    }
}
