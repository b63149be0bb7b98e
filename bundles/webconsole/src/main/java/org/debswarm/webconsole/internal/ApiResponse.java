package org.debswarm.webconsole.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.osgi.service.servlet.context.ServletContextHelper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** How the admin command's endpoints answer: JSON bodies, errors as {@code {"error": ...}}. */
final class ApiResponse {

    private ApiResponse() {
    }

    /**
     * Whether the console's own login admits the request (its servlet context helper decides, so whatever the
     * console accepts is accepted); if not, the console has answered 401 with its challenge. Answers are never
     * cached either way.
     */
    static boolean admitted(ServletContextHelper console, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setHeader("Cache-Control", "no-store");
        return console.handleSecurity(request, response);
    }

    static String error(String message) {
        return new Json().begin().field("error", message).end().toString();
    }

    static void fail(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, error(message));
    }

    static void send(HttpServletResponse response, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
