package org.debswarm.storage.internal;

/** What an {@link ActiveWrite} tells the store about; the store does the slow part on its own thread. */
interface WriteEvents {

    /** Every byte is present: verify, store, complete. */
    void completed(ActiveWrite write);

    /** Enough new bytes since the last checkpoint: record the present ranges. */
    void checkpointDue(ActiveWrite write);

    void abort(ActiveWrite write, String reason);

    void suspend(ActiveWrite write, String reason);
}
