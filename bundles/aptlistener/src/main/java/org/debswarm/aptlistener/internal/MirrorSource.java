package org.debswarm.aptlistener.internal;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.debswarm.governor.HttpGovernor;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.storage.FileWrite;

/**
 * The mirror as the lowest-ranked package source: it takes every write it is offered and fills it through the
 * governor ({@link MirrorFill}). It is the last element of the listener's chain of sources, not a registered
 * service: it uses the listener's own settings ({@code mirrorScheme}, the package deadline) and threads, and must
 * be there whenever the listener is. Its fills are kept by content, so that a client joining a write finds the
 * mirror's headers and a write handed down twice is not fetched twice.
 */
final class MirrorSource {

    private final Map<String, MirrorFill> running = new ConcurrentHashMap<>();
    private final Supplier<HttpGovernor> governor;
    private final Settings settings;
    private final Executor executor;
    private final Metering metering;

    MirrorSource(Supplier<HttpGovernor> governor, Settings settings, Executor executor, Metering metering) {
        this.governor = governor;
        this.settings = settings;
        this.executor = executor;
        this.metering = metering;
    }

    /**
     * Fills what {@code write} misses from its mirror, or returns the fill already running for it. Synchronized:
     * two callers at once (the node's own look after its wait, and the listener handing the write down because
     * the node's component went away) must not both start a request to the mirror.
     *
     * @param infoHash the torrent the file belongs to, for the statistics; {@code null} if none
     */
    synchronized MirrorFill fill(FileWrite write, String infoHash) {
        String sha256 = write.key().sha256();
        MirrorFill current = running.get(sha256);
        if (current != null && current.write() == write && !current.done().isDone()) {
            return current;
        }
        HttpGovernor g = governor.get();
        if (g == null) {
            return MirrorFill.failed(write, new HttpRefusal(503,
                    "no HttpGovernor service: the governor bundle is stopped or being updated"));
        }
        URI uri = new RequestTarget(write.key().host(), write.key().path(), false).mirrorUri(settings);
        MirrorFill fill = MirrorFill.start(g, settings.request(false, uri), write, settings.debDeadline(), executor,
                metering.fromMirror(uri, infoHash));
        running.put(sha256, fill);
        write.completion().whenComplete((file, failure) -> running.remove(sha256, fill));
        return fill;
    }

    /** The mirror's fill of a file, while it runs. */
    Optional<MirrorFill> find(String sha256) {
        return Optional.ofNullable(running.get(sha256));
    }

    /** Stops every fill and aborts its write (the listener is being deactivated). */
    void cancelAll(String reason) {
        running.values().forEach(f -> f.cancel(reason));
    }
}
