package org.debswarm.tracker.internal;

/**
 * A peer's last announce as stored in {@code tracker_peer}.
 *
 * @param infoHash 40 hex digits
 * @param peerId   40 hex digits
 * @param ip       text form of the address
 * @param event    {@link Event#wireName()}
 * @param lastSeen epoch milliseconds
 */
record PeerRow(String infoHash, String peerId, String ip, int port, long uploaded, long downloaded, long left,
        String event, long lastSeen) {
}
