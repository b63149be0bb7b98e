package org.debswarm.aptlistener.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.debswarm.governor.HttpGovernor;
import org.debswarm.storage.FileWrite;

/** The downloads this listener runs, by content (SHA-256), so that a client joining a write finds its headers. */
final class Downloads {

    private final Map<String, Download> running = new ConcurrentHashMap<>();
    private final Executor executor;
    private final Metering metering;
    private final Settings settings;

    Downloads(Executor executor, Metering metering, Settings settings) {
        this.executor = executor;
        this.metering = metering;
        this.settings = settings;
    }

    Download start(HttpGovernor governor, URI uri, FileWrite write, Duration deadline) {
        Download download = Download.start(governor, settings.request(false, uri), write, deadline, executor,
                metering.fromMirror(uri));
        String sha256 = write.key().sha256();
        running.put(sha256, download);
        write.completion().whenComplete((file, failure) -> running.remove(sha256, download));
        return download;
    }

    Optional<Download> find(String sha256) {
        return Optional.ofNullable(running.get(sha256));
    }

    /** Stops every download (the listener is being deactivated). */
    void cancelAll(String reason) {
        running.values().forEach(d -> d.cancel(reason));
    }
}
