package org.debswarm.webconsole.internal;

import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.debswarm.node.NodeTorrent;
import org.debswarm.node.TorrentActions;
import org.debswarm.torrent.InfoHash;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One POST of an action (stop, start, forget) from a torrent's page: the form token, the action and the info
 * hash checked, the action run with a deadline, then a redirect (303) to the torrent's page with
 * {@code done=<action>}, so that reloading that page repeats nothing.
 */
final class ActionPost {

    static final List<String> ACTIONS = List.of("stop", "start", "forget");
    static final String DONE = "done";
    /** How long a POST waits for the node (a standard torrent's pieces are checked before it starts). */
    static final long WAIT_SECONDS = 30;

    private ActionPost() {
    }

    static void handle(HttpServletRequest request, HttpServletResponse response, FormToken token,
            TorrentActions actions) throws IOException {
        if (!token.matches(request.getParameter(FormToken.PARAMETER))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "missing or stale form token; reload the page");
            return;
        }
        String action = request.getParameter("action");
        if (!ACTIONS.contains(action)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "unknown action (expected: stop, start or forget)");
            return;
        }
        InfoHash hash = TorrentDetailPage.parse(request.getParameter("torrent"));
        if (hash == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "torrent: expected 40 hexadecimal digits");
            return;
        }
        if (actions == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, TorrentDetailPage.ACTIONS_UNAVAILABLE);
            return;
        }
        if (run(response, action, hash, actions)) {
            response.sendRedirect(Page.root(request) + "?torrent=" + hash.toHex() + "&" + DONE + "=" + action);
        }
    }

    /** @return true if the action was done; otherwise the error is sent */
    private static boolean run(HttpServletResponse response, String action, InfoHash hash, TorrentActions actions)
            throws IOException {
        CompletableFuture<NodeTorrent> result = switch (action) {
            case "stop" -> actions.stop(hash);
            case "start" -> actions.start(hash);
            default -> actions.forget(hash);
        };
        try {
            result.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            int status = cause instanceof NoSuchElementException ? HttpServletResponse.SC_NOT_FOUND
                    : cause instanceof IllegalStateException ? HttpServletResponse.SC_SERVICE_UNAVAILABLE
                    : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
            response.sendError(status, action + " failed: " + cause.getMessage());
        } catch (TimeoutException e) {
            response.sendError(HttpServletResponse.SC_GATEWAY_TIMEOUT, action + " did not finish within "
                    + WAIT_SECONDS + " s; it goes on: reload the torrent's page");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted");
        }
        return false;
    }
}
