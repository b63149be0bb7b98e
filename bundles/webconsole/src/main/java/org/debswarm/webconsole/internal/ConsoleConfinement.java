package org.debswarm.webconsole.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * Keeps the Felix Web Console on the console's own port. The console binds to every Jetty instance of Felix
 * HTTP, so without this it would also answer on the apt listener's and the tracker's ports (with the same
 * login), which an administrator may open to the LAN for apt without meaning to open the console. On the named
 * instances (every Debswarm port but the console's) this answers 404 to the console's paths before any servlet
 * sees the request. Restricting the console itself ({@code http.service.filter}) would take a configuration of
 * the console, which replaces the launcher's generated password.
 */
@Component(service = Preprocessor.class)
@HttpWhiteboardTarget(ConsoleConfinement.NAMED_INSTANCES)
public final class ConsoleConfinement implements Preprocessor {

    /** The Jetty instances that have a name: the apt listener's and the tracker's, not the console's. */
    static final String NAMED_INSTANCES = "(org.apache.felix.http.name=*)";
    static final String CONSOLE_ROOT = "/system/console";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && isConsolePath(http.getRequestURI())) {
            ((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND,
                    "The Web Console is on the console port only");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Compared decoded and normalised, so {@code /system/%63onsole} or {@code /x/../system/console} count too. */
    static boolean isConsolePath(String rawUri) {
        if (rawUri == null) {
            return false;
        }
        String path;
        try {
            String decoded = URLDecoder.decode(rawUri.replace("+", "%2B"), StandardCharsets.UTF_8)
                    .replaceAll("/{2,}", "/");
            path = new URI(null, null, decoded, null).normalize().getPath();
        } catch (IllegalArgumentException | URISyntaxException unreadable) {
            return false; // Jetty routes no such path to the console either
        }
        return path.equals(CONSOLE_ROOT) || path.startsWith(CONSOLE_ROOT + "/");
    }
}
