package org.debswarm.webconsole.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/** How the admin command's endpoints answer: JSON bodies, errors as {@code {"error": ...}}. */
final class ApiResponse {

    private ApiResponse() {
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
