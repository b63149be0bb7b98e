package org.debswarm.aptlistener.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.debswarm.rfc822.FileChecksum;
import org.debswarm.rfc822.ReleaseFile;

/**
 * What the Release files read so far say, per mirror: which index each {@code by-hash} name stands for
 * (<a href="https://wiki.debian.org/DebianRepository/Format#indices_acquisition_via_hashsums_.28by-hash.29">by-hash</a>),
 * what each listed index must hash to, and whether the Release's signature verified. One entry per Release
 * file, replaced when it changes. Only a verified Release makes an index trusted ({@link #trusts}): torrents
 * and verification come from trusted indices only.
 */
final class ReleaseNames {

    /** One index of a Release file: its real name, its by-hash name (both relative to the host), its digest. */
    record Listed(String realPath, String byHashPath, String sha256, long size) {

        /** @return the key of this index's content under its by-hash name on {@code host} */
        org.debswarm.storage.FileKey byHashKey(String host) {
            return new org.debswarm.storage.FileKey(host, byHashPath, size, sha256);
        }
    }

    /** What a Release file says: its indices, whether they may be fetched by hash, whether it verified. */
    record Contents(boolean acquireByHash, List<Listed> listed, boolean verified) {
    }

    private record Read(String identity, Contents contents, Map<String, Listed> byReal, Map<String, String> realByHash,
            long order) {
    }

    private final Map<String, Read> releases = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();

    /**
     * @param identity as given to {@link #record}
     * @return whether the Release at {@code host/releasePath} with this identity has been recorded
     */
    boolean isCurrent(String host, String releasePath, String identity) {
        Read read = releases.get(host + "/" + releasePath);
        return read != null && read.identity().equals(identity);
    }

    /**
     * Records what a Release (or the signed text of an InRelease) lists.
     *
     * @param releasePath the Release's path relative to the host: its folder is the base of the listed paths
     * @param identity what was read: the Release file's SHA-256, followed by its detached signature's when it has
     *        one (so that a new signature makes the same Release worth reading again)
     * @param verified whether its signature verified against the mirror's trusted keys
     * @return its indices
     */
    Contents record(String host, String releasePath, String identity, ReleaseFile release, boolean verified) {
        String dir = releasePath.contains("/") ? releasePath.substring(0, releasePath.lastIndexOf('/') + 1) : "";
        List<Listed> listed = new ArrayList<>();
        Map<String, Listed> byReal = new HashMap<>();
        Map<String, String> realByHash = new HashMap<>();
        for (FileChecksum f : release.sha256Files()) {
            String relative = f.path();
            String folder = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/') + 1) : "";
            Listed entry = new Listed(dir + relative, dir + folder + "by-hash/SHA256/" + f.sha256(), f.sha256(), f.size());
            listed.add(entry);
            byReal.put(entry.realPath(), entry);
            realByHash.put(entry.byHashPath(), entry.realPath());
        }
        Contents contents = new Contents(release.acquireByHash(), List.copyOf(listed), verified);
        releases.put(host + "/" + releasePath, new Read(identity, contents, Map.copyOf(byReal), Map.copyOf(realByHash),
                order.incrementAndGet()));
        return contents;
    }

    /** @return what the Release at {@code host/releasePath} said when last recorded */
    Optional<Contents> contents(String host, String releasePath) {
        return Optional.ofNullable(releases.get(host + "/" + releasePath)).map(Read::contents);
    }

    /** @return the real name of a by-hash path, if a Release read so far lists it */
    Optional<String> realName(String host, String byHashPath) {
        return newestFirst(host).map(r -> r.realByHash().get(byHashPath)).filter(java.util.Objects::nonNull).findFirst();
    }

    /** @return the entry of the most recently read Release of {@code host} that lists {@code realPath} */
    Optional<Listed> listed(String host, String realPath) {
        return newestFirst(host).map(r -> r.byReal().get(realPath)).filter(java.util.Objects::nonNull).findFirst();
    }

    /** @return whether the newest Release listing {@code realPath} verified, and lists it with this digest */
    boolean trusts(String host, String realPath, String sha256) {
        return newestFirst(host).filter(r -> r.byReal().containsKey(realPath)).findFirst()
                .filter(r -> r.contents().verified() && r.byReal().get(realPath).sha256().equals(sha256))
                .isPresent();
    }

    /** @return whether the newest Release listing {@code realPath} may be fetched by hash */
    boolean byHash(String host, String realPath) {
        return newestFirst(host).filter(r -> r.byReal().containsKey(realPath)).findFirst()
                .map(r -> r.contents().acquireByHash()).orElse(false);
    }

    private java.util.stream.Stream<Read> newestFirst(String host) {
        String prefix = host + "/";
        return releases.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .sorted(Comparator.comparingLong(Read::order).reversed());
    }
}
