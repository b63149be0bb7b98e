package org.debswarm.webconsole.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.debswarm.storage.EvictionOutcome;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.StoreEntry;
import org.debswarm.storage.StoreUsage;
import org.debswarm.storage.StoredFile;

/**
 * What the cache API answers, apart from HTTP: the list of stored files, and pin, unpin, verify and evict of
 * one file named {@code <host>/<archive path>} (as under {@code mirrors/} and in the URL prefix form).
 */
final class CacheApi {

    /** An answer: an HTTP status and a JSON document. */
    record Answer(int status, String json) {
        static Answer error(int status, String message) {
            return new Answer(status, ApiResponse.error(message));
        }
    }

    private final PieceStore store;

    CacheApi(PieceStore store) {
        this.store = store;
    }

    Answer list() throws IOException {
        Json json = new Json().begin();
        usage(json, store.usage());
        json.beginArray("files");
        for (StoreEntry e : store.entries()) {
            FileKey k = e.key();
            json.begin().field("path", k.host() + "/" + k.path()).field("host", k.host()).field("size", k.size())
                    .field("sha256", k.sha256()).field("pinned", e.pinned())
                    .field("lastServed", e.lastServed().orElse(Instant.EPOCH)).field("storedAt", e.storedAt())
                    .field("listed", e.listed()).end();
        }
        return new Answer(200, json.endArray().end().toString());
    }

    static Json usage(Json json, StoreUsage u) {
        return json.key("usage").begin().field("storedBytes", u.storedBytes()).field("maxStoreBytes", u.maxStoreBytes())
                .field("usableDiskBytes", u.usableDiskBytes()).field("minFreeDiskBytes", u.minFreeDiskBytes())
                .field("evictedFiles", u.evictedFiles()).field("evictedBytes", u.evictedBytes()).end();
    }

    Answer pin(String target, boolean pinned) throws IOException {
        String[] hostPath = split(target);
        if (!store.pin(hostPath[0], hostPath[1], pinned)) {
            return notStored(target);
        }
        return new Answer(200, new Json().begin().field("path", target).field("pinned", pinned).end().toString());
    }

    Answer evict(String target) throws IOException {
        String[] hostPath = split(target);
        EvictionOutcome outcome = store.evict(hostPath[0], hostPath[1]);
        return switch (outcome) {
            case EVICTED -> new Answer(200, new Json().begin().field("path", target).field("evicted", true).end()
                    .toString());
            case NOT_STORED -> notStored(target);
            case PINNED -> Answer.error(409, target + " is pinned: unpin it first");
            case IN_USE -> Answer.error(409, target + " is being served now: try again when it is not");
        };
    }

    /** Rehashes one file, or every stored file when {@code target} is null; a corrupt file is dropped. */
    Answer verify(String target) throws IOException {
        List<String> paths = new ArrayList<>();
        if (target != null) {
            String[] hostPath = split(target);
            if (store.lookup(hostPath[0], hostPath[1]).isEmpty()) {
                return notStored(target);
            }
            paths.add(target);
        } else {
            store.entries().forEach(e -> paths.add(e.key().host() + "/" + e.key().path()));
        }
        Json json = new Json().begin().field("checked", paths.size()).beginArray("corrupt");
        for (String p : paths) {
            String[] hostPath = split(p);
            Optional<StoredFile> good = store.verify(hostPath[0], hostPath[1]);
            if (good.isEmpty()) {
                json.begin().field("path", p).end();
            }
        }
        return new Answer(200, json.endArray().end().toString());
    }

    private static Answer notStored(String target) {
        return Answer.error(404, "nothing is stored at " + target);
    }

    /**
     * @return {@code [host, archive path]}
     * @throws IllegalArgumentException when there is no host part or either part is not valid
     */
    static String[] split(String target) {
        String t = target.startsWith("/") ? target.substring(1) : target;
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new IllegalArgumentException("path \"" + target + "\": expected <mirror host>/<archive path>,"
                    + " e.g. deb.debian.org/debian/pool/main/h/hello/hello_2.10-3_amd64.deb");
        }
        return new String[] {FileKey.checkHost(t.substring(0, slash)), FileKey.checkPath(t.substring(slash + 1))};
    }
}
