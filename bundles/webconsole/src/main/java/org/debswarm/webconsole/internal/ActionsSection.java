package org.debswarm.webconsole.internal;

import java.util.Optional;

import org.debswarm.node.NodeTorrent;
import org.debswarm.node.NodeTorrent.State;
import org.debswarm.node.TorrentActions;

/**
 * The actions of a torrent's page: one POST form per action with the form token, each enabled when it makes
 * sense in the torrent's state (stop when running; start when stopped or forgotten; forget unless forgotten).
 */
final class ActionsSection {

    static final String DATA_KEPT = "Forget stops the torrent and leaves it out of the lists; the downloaded data"
            + " stays in the store. A forgotten Packages torrent returns when apt fetches a new version of its"
            + " Packages file; a forgotten .torrent file is moved to <home>/forgotten-torrents/.";

    private ActionsSection() {
    }

    static void render(Html html, String root, String hex, FormToken token, TorrentActions actions,
            Optional<NodeTorrent> torrent) {
        html.element("h2", "Actions");
        for (String action : ActionPost.ACTIONS) {
            boolean enabled = torrent.map(t -> enabled(action, t.state())).orElse(false);
            html.raw("<form method='post' action='").text(root).raw("'>")
                    .raw("<input type='hidden' name='torrent' value='").text(hex).raw("'>")
                    .raw("<input type='hidden' name='action' value='").text(action).raw("'>")
                    .raw("<input type='hidden' name='" + FormToken.PARAMETER + "' value='").text(token.value())
                    .raw("'><button type='submit' name='do' value='").text(action).raw("'")
                    .raw(enabled ? "" : " disabled").raw(">").text(action).raw("</button></form> ");
        }
        if (actions == null) {
            html.notice(TorrentDetailPage.ACTIONS_UNAVAILABLE);
        } else if (torrent.isEmpty()) {
            html.notice("The node does not run this torrent (not from an index it heard of, nor from its torrent"
                    + " folder): nothing to stop or start.");
        } else {
            html.raw("<p>").text(DATA_KEPT).raw("</p>");
        }
    }

    private static boolean enabled(String action, State state) {
        return switch (action) {
            case "stop" -> state == State.RUNNING;
            case "start" -> state != State.RUNNING;
            default -> state != State.FORGOTTEN;
        };
    }

    static String stateText(State state) {
        return switch (state) {
            case RUNNING -> "running";
            case STOPPED -> "stopped";
            case FORGOTTEN -> "forgotten";
        };
    }

    static String stateText(Optional<NodeTorrent> torrent, boolean actionsRunning) {
        if (!actionsRunning) {
            return "unknown (the node's torrent actions are not running)";
        }
        return torrent.map(t -> stateText(t.state())).orElse("not run by the node");
    }
}
