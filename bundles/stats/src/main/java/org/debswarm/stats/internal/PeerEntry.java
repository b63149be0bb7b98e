package org.debswarm.stats.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.debswarm.stats.PeerFigures;

/** One peer in one torrent. Counters are added to by producers; the rest is written last-wins. */
final class PeerEntry {

    private static final int MAX_CLIENT_LENGTH = 128;

    final String peerId;
    final Counter downloaded;
    final Counter uploaded;
    final Counter verificationFailures;
    final Counter bans;
    private volatile String client;
    private volatile long lastActivity;
    /** Open connections; more than one can briefly exist while a duplicate is being dropped. */
    private final AtomicInteger connections = new AtomicInteger();
    // writer thread only
    private long writtenActivity;
    private String writtenClient;

    PeerEntry(String peerId, String client, long downloaded, long uploaded, long failures, long bans,
            long lastActivity) {
        this.peerId = peerId;
        this.client = client;
        this.downloaded = new Counter(downloaded);
        this.uploaded = new Counter(uploaded);
        this.verificationFailures = new Counter(failures);
        this.bans = new Counter(bans);
        this.lastActivity = lastActivity;
        this.writtenActivity = lastActivity;
        this.writtenClient = client;
    }

    static PeerEntry fresh(String peerId, long now) {
        PeerEntry entry = new PeerEntry(peerId, "", 0, 0, 0, 0, now);
        entry.writtenActivity = -1; // a new peer is written even if nothing else changes
        return entry;
    }

    void touch(String clientName, long now) {
        if (clientName != null && !clientName.isEmpty() && !clientName.equals(client)) {
            client = clientName.length() <= MAX_CLIENT_LENGTH ? clientName
                    : clientName.substring(0, MAX_CLIENT_LENGTH);
        }
        lastActivity = now;
    }

    void connected(boolean open) {
        if (open) {
            connections.incrementAndGet();
        } else {
            connections.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    boolean isConnected() {
        return connections.get() > 0;
    }

    String client() {
        return client;
    }

    long lastActivity() {
        return lastActivity;
    }

    boolean dirty() {
        return writtenActivity != lastActivity || !client.equals(writtenClient)
                || downloaded.value() != downloaded.written() || uploaded.value() != uploaded.written()
                || verificationFailures.value() != verificationFailures.written()
                || bans.value() != bans.written();
    }

    /** The values about to be written; {@link Written#commit()} once they are. */
    Written toWrite() {
        return new Written(this, client, downloaded.value(), uploaded.value(), verificationFailures.value(),
                bans.value(), lastActivity);
    }

    PeerFigures figures(String infoHash) {
        return new PeerFigures(infoHash, peerId, client, downloaded.value(), uploaded.value(),
                verificationFailures.value(), bans.value(), isConnected(), Instant.ofEpochMilli(lastActivity));
    }

    /** A row of {@code stats_peer} as written in one transaction. */
    record Written(PeerEntry entry, String client, long downloaded, long uploaded, long failures, long bans,
            long lastActivity) {

        void commit() {
            entry.writtenClient = client;
            entry.writtenActivity = lastActivity;
            entry.downloaded.written(downloaded);
            entry.uploaded.written(uploaded);
            entry.verificationFailures.written(failures);
            entry.bans.written(bans);
        }
    }
}
