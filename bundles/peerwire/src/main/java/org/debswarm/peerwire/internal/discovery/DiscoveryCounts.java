package org.debswarm.peerwire.internal.discovery;

/**
 * What Local Service Discovery did since it started, for the logs and the figures in docs: read outside this
 * package only as its one-line summary ({@link LsdService#counts}).
 */
final class DiscoveryCounts {

    private long sent;
    private long sentBytes;
    private long received;
    private long found;
    private long invalid;
    private long limited;

    void countSent(int bytes) {
        sent++;
        sentBytes += bytes;
    }

    void countReceived() {
        received++;
    }

    void countFound() {
        found++;
    }

    void countInvalid() {
        invalid++;
    }

    void countLimited() {
        limited++;
    }

    /** Datagrams sent, counting each group once. */
    public long sent() {
        return sent;
    }

    public long sentBytes() {
        return sentBytes;
    }

    /** Announces of other nodes read (own ones, invalid and rate-limited ones not counted). */
    public long received() {
        return received;
    }

    /** Peers of running torrents handed on. */
    public long found() {
        return found;
    }

    public long invalid() {
        return invalid;
    }

    /** Datagrams dropped unread because their source sent too many. */
    public long limited() {
        return limited;
    }

    @Override
    public String toString() {
        return "sent " + sent + " (" + sentBytes + " bytes), received " + received + ", found " + found
                + ", invalid " + invalid + ", rate-limited " + limited;
    }
}
