package org.debswarm.peerwire.internal.wire;

import java.io.IOException;

/**
 * The one error of the peer wire: the remote peer broke BEP 3 or BEP 10. The message names the offending
 * value and the limit, for example {@code "length 9000000 (expected: <= 131081)"}. The connection that
 * produced it is closed with this message as the logged reason; other connections are unaffected.
 */
public final class PeerWireException extends IOException {

    private static final long serialVersionUID = 1L;

    public PeerWireException(String message) {
        super(message);
    }

    public PeerWireException(String message, Throwable cause) {
        super(message, cause);
    }
}
