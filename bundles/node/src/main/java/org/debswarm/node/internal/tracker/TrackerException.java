package org.debswarm.node.internal.tracker;

import java.io.IOException;

/**
 * An announce that brought no usable answer: the tracker was unreachable, slow, answered an HTTP error, an
 * oversized or malformed body, or refused with a {@code failure reason} ({@link #failureReason()}).
 */
final class TrackerException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String failureReason;

    public TrackerException(String message) {
        this(message, null, null);
    }

    public TrackerException(String message, Throwable cause) {
        this(message, null, cause);
    }

    private TrackerException(String message, String failureReason, Throwable cause) {
        super(message, cause);
        this.failureReason = failureReason;
    }

    /** The tracker answered, refusing: its {@code failure reason}. */
    public static TrackerException refused(String failureReason) {
        return new TrackerException("tracker refused: " + failureReason, failureReason, null);
    }

    /** The {@code failure reason} the tracker gave, or null if it did not answer one. */
    public String failureReason() {
        return failureReason;
    }
}
