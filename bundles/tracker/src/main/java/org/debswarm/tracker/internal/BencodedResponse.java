package org.debswarm.tracker.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/** Sends a bencoded tracker body. Refusals are bencoded too and go out as 200, which is what clients parse. */
final class BencodedResponse {

    private BencodedResponse() {
    }

    static void send(HttpServletResponse response, byte[] body) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/plain");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
