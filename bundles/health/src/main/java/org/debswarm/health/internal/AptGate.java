package org.debswarm.health.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * The apt port's answer while the apt listener is not there: 503 with {@code Retry-After}, never the
 * container's 404 (which apt reads as "this repository has no Release file"). It has the lowest ranking on the
 * apt listener's own pattern, so the apt listener shadows it as soon as it registers and it answers again while
 * the apt listener is being replaced. This bundle starts before FileInstall brings up the apt port's Jetty
 * instance, so the gate is in place when the port opens.
 */
@Component(service = Servlet.class, property = Constants.SERVICE_RANKING + ":Integer=" + Integer.MIN_VALUE)
@HttpWhiteboardServletPattern("/*")
@HttpWhiteboardServletName("debswarm-apt-gate")
@HttpWhiteboardTarget(HealthConfiguration.APT_TARGET)
public final class AptGate extends HttpServlet {

    /** Seconds apt (or a person) is asked to wait before asking again. */
    static final String RETRY_AFTER = "2";
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response);
    }

    /** 503, {@code Retry-After}, and a line saying why: what apt gets whenever the apt listener cannot answer. */
    static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", RETRY_AFTER);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=utf-8");
        byte[] body = "Debswarm is starting (or its apt listener is being replaced): not ready to serve apt yet\n"
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }
}
