package org.debswarm.webconsole.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * The servlet context of the JSON endpoints under {@code /debswarm/api/} on the console's port, for the
 * {@code debswarm} command and scripts: the same login as the Web Console, because it asks the console's own
 * context helper. A password an administrator sets in the console's configuration therefore holds here too,
 * and there is no second copy of the credentials. Servlets join it with
 * {@code osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=debswarm-api)}.
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = ApiContext.NAME, path = "/debswarm/api")
@HttpWhiteboardTarget(MetricsConfiguration.DEFAULT_TARGET)
public final class ApiContext extends ServletContextHelper {

    static final String NAME = "debswarm-api";
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";

    private final ServletContextHelper console;

    @Activate
    public ApiContext(@Reference(target = MetricsConfiguration.CONSOLE_CONTEXT) ServletContextHelper console) {
        this.console = console;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return console.handleSecurity(request, response);
    }
}
