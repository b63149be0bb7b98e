package org.debswarm.aptlistener.internal;

/**
 * A request the listener answers with an error status and a one-line reason for apt's log. Thrown by the
 * parsers and handlers, turned into a response in one place ({@link Responses#refuse}).
 */
final class HttpRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    HttpRefusal(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    HttpRefusal(int status, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.status = status;
    }

    /** @return the HTTP status to answer with */
    int status() {
        return status;
    }

    static HttpRefusal badRequest(String reason) {
        return new HttpRefusal(400, reason);
    }

    static HttpRefusal forbidden(String reason) {
        return new HttpRefusal(403, reason);
    }
}
