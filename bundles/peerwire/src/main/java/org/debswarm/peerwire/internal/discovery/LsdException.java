package org.debswarm.peerwire.internal.discovery;

import java.io.IOException;

/**
 * The one error of Local Service Discovery input: a datagram that is not a BEP 14 announce. The message names
 * the offending value and the limit, for example {@code "announce without its end within 1400 bytes (expected:
 * <= 1400)"}. The datagram is dropped; nothing else is affected.
 */
final class LsdException extends IOException {

    private static final long serialVersionUID = 1L;

    LsdException(String message) {
        super(message);
    }
}
