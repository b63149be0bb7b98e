package org.debswarm.tracker.internal;

/**
 * The three per-torrent counters kept across restarts. Mutable; guarded by the owning {@link Swarm}'s lock.
 * Sums saturate at {@link Long#MAX_VALUE}: a hostile peer reporting absurd counters must not wrap a total
 * negative (or make the database refuse the update).
 */
final class Tally {

    long completed;
    long uploaded;
    long downloaded;

    void add(long moreCompleted, long moreUploaded, long moreDownloaded) {
        completed = saturatedAdd(completed, moreCompleted);
        uploaded = saturatedAdd(uploaded, moreUploaded);
        downloaded = saturatedAdd(downloaded, moreDownloaded);
    }

    void add(Tally other) {
        add(other.completed, other.uploaded, other.downloaded);
    }

    void set(long newCompleted, long newUploaded, long newDownloaded) {
        completed = newCompleted;
        uploaded = newUploaded;
        downloaded = newDownloaded;
    }

    void clear() {
        set(0, 0, 0);
    }

    boolean isZero() {
        return completed == 0 && uploaded == 0 && downloaded == 0;
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
