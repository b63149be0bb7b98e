package org.debswarm.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * HTTP to the node's console port: JSON endpoints, basic auth with the console credentials when a call needs a
 * login. Sends no Origin or Referer, as a non-browser client (the console's CSRF defence lets those through).
 * Every call has a connect and a whole-request deadline.
 */
final class NodeClient {

    static final Duration CONNECT = Duration.ofSeconds(5);
    static final Duration REQUEST = Duration.ofSeconds(120);

    /** One answer of the node. */
    record Answer(int status, String body, boolean json) {
    }

    private final URI base;
    private final CliSettings settings;
    private final HttpClient http;

    NodeClient(CliSettings settings) {
        this.base = settings.consoleUri();
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    URI base() {
        return base;
    }

    Answer get(String pathAndQuery, boolean login, Duration deadline) throws CliFailure {
        return send(HttpRequest.newBuilder(resolve(pathAndQuery)).GET().timeout(deadline), login);
    }

    Answer post(String pathAndQuery) throws CliFailure {
        return send(HttpRequest.newBuilder(resolve(pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(REQUEST), true);
    }

    private URI resolve(String pathAndQuery) {
        return URI.create(base.toString().replaceAll("/+$", "") + pathAndQuery);
    }

    private Answer send(HttpRequest.Builder request, boolean login) throws CliFailure {
        if (login) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8)));
        }
        request.header("Accept", "application/json");
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401) {
                throw new CliFailure(ExitCodes.LOGIN, "the node at " + base + " refused the console password from "
                        + settings.passwordSource() + " (401)");
            }
            boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
            return new Answer(response.statusCode(), response.body(), json);
        } catch (ConnectException e) {
            throw noNode();
        } catch (java.net.http.HttpTimeoutException e) {
            throw new CliFailure(ExitCodes.FAILED, "the node at " + base + " did not answer in time: " + e.getMessage());
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.NO_NODE, "cannot talk to " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.FAILED, "interrupted");
        }
    }

    CliFailure noNode() {
        return new CliFailure(ExitCodes.NO_NODE, String.join("\n",
                "No Debswarm node answers at " + base + ".",
                "Start one:",
                "  as a service (the Debian package):  sudo systemctl start debswarm",
                "  in the foreground, data in ./data:   debswarm run [--home DIR]",
                "Another address: --url URL or DEBSWARM_URL."));
    }
}
