package org.debswarm.storage.internal;

/**
 * Lock striping by content: every change to the records or files of one SHA-256 (commit, link,
 * drop, collect) happens under that content's stripe, so a look-up never judges a file that a
 * commit is still placing. Code holding one stripe never takes another (no lock ordering to keep).
 */
final class Stripes {

    private final Object[] locks;

    Stripes(int count) {
        locks = new Object[count];
        for (int i = 0; i < count; i++) {
            locks[i] = new Object();
        }
    }

    Object of(String sha256) {
        return locks[Math.floorMod(sha256.hashCode(), locks.length)];
    }
}
