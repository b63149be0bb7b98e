package org.debswarm.storage;

import java.io.IOException;

/**
 * A file write ended without storing the file: it was aborted, suspended, left idle too long, or
 * the store was closed. Anyone waiting for that file gets this exception and may
 * {@link PieceStore#begin begin} again.
 */
public final class WriteAbortedException extends IOException {

    private static final long serialVersionUID = 1L;

    public WriteAbortedException(String message) {
        super(message);
    }

    public WriteAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
