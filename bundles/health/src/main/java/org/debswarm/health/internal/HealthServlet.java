package org.debswarm.health.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.debswarm.health.Readiness;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * {@code GET /health} on the console's port, without login: {@code {"live":true,"ready":...,"waitingFor":...}},
 * 200 when ready, else 503 with {@code Retry-After}. {@code ?wait=N} (seconds, at most {@value #MAX_WAIT_SECONDS})
 * answers as soon as the node is ready or when N seconds have passed: the unit's start-up check and
 * {@code debswarm wait-ready} use it instead of polling.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/health")
@HttpWhiteboardServletName("debswarm-health")
@HttpWhiteboardTarget("(!(org.apache.felix.http.name=*))")
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=default)")
public final class HealthServlet extends HttpServlet {

    static final int MAX_WAIT_SECONDS = 60;
    private static final long serialVersionUID = 1L;

    private final transient Readiness readiness;

    @Activate
    public HealthServlet(@Reference Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int wait;
        try {
            wait = waitSeconds(request.getParameter("wait"));
        } catch (IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        boolean ready = readiness.ready();
        if (!ready && wait > 0) {
            try {
                ready = readiness.awaitReady(Duration.ofSeconds(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String json = "{\"live\":true,\"ready\":" + ready + ",\"waitingFor\":\"" + Json.escape(readiness.waitingFor())
                + "\"}\n";
        response.setStatus(ready ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        if (!ready) {
            response.setHeader("Retry-After", AptGate.RETRY_AFTER);
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static int waitSeconds(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds < 0 || seconds > MAX_WAIT_SECONDS) {
                throw new IllegalArgumentException("wait=" + value + " (expected: 0 to " + MAX_WAIT_SECONDS + ")");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("wait=" + value + " (expected: whole seconds, 0 to "
                    + MAX_WAIT_SECONDS + ")", e);
        }
    }
}
