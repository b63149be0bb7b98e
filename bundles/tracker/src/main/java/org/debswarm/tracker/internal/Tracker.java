package org.debswarm.tracker.internal;

/**
 * The tracker's protocol operations, as the servlets call them. Internal service between the tracker's own
 * components; both methods answer with a complete bencoded body, a {@code failure reason} included.
 */
public interface Tracker {

    /**
     * @param rawQuery   the undecoded query string of the request
     * @param remoteAddr the request's remote address (IP literal)
     */
    byte[] announce(String rawQuery, String remoteAddr);

    /** @param rawQuery the undecoded query string of the request */
    byte[] scrape(String rawQuery);

    /**
     * Whether the state of the previous run has been brought back. Until then announces are refused with a
     * retry hint and the status pages answer 503, so nothing is counted, or shown, as if the tracker were new.
     */
    default boolean ready() {
        return true;
    }
}
