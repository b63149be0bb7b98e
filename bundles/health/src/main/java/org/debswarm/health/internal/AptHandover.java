package org.debswarm.health.internal;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Covers the moment a servlet on the apt port is replaced. The whiteboard picks the servlet for a request,
 * then calls it; if that servlet was unregistered in between (the {@link AptGate} shadowed by the apt listener
 * as it registers, or the apt listener going while it is reconfigured), Felix HTTP throws
 * {@code ServletException("Servlet has been unregistered")} and its dispatcher answers 500. apt reads a 500
 * for an index as a failed update. This filter, registered with the gate before the port opens and never
 * replaced, turns any servlet exception that left the response uncommitted into the gate's 503 with
 * {@code Retry-After}: whatever made the apt port's servlet fail, apt is asked to come back, not told the
 * repository is broken.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterName("debswarm-apt-handover")
@HttpWhiteboardTarget(HealthConfiguration.APT_TARGET)
public final class AptHandover implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(AptHandover.class);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException e) {
            if (response.isCommitted()) {
                throw e;
            }
            LOG.debug("{}: the apt port's servlet failed ({}); answered 503",
                    ((HttpServletRequest) request).getRequestURI(), e.getMessage());
            response.reset();
            AptGate.answer((HttpServletRequest) request, (HttpServletResponse) response);
        }
    }
}
