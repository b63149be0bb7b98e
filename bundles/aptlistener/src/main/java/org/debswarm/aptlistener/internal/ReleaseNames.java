package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.debswarm.rfc822.ClearSigned;
import org.debswarm.rfc822.ControlParser;
import org.debswarm.rfc822.FileChecksum;
import org.debswarm.rfc822.ReleaseFile;

/**
 * What each {@code by-hash} name stands for. With {@code Acquire-By-Hash: yes} apt fetches an index as
 * {@code <dir>/by-hash/SHA256/<digest>}; the {@code SHA256} list of the suite's {@code Release} (or the signed
 * text of {@code InRelease}) says which index has that digest
 * (<a href="https://wiki.debian.org/DebianRepository/Format#indices_acquisition_via_hashsums_.28by-hash.29">by-hash</a>).
 * One map per Release file, replaced when the Release changes.
 */
final class ReleaseNames {

    /** One index of a Release file: its real name, its by-hash name (both relative to the host), its digest. */
    record Listed(String realPath, String byHashPath, String sha256) {
    }

    /** What a Release file says: its indices, and whether they may be fetched by hash. */
    record Contents(boolean acquireByHash, List<Listed> listed) {
    }

    private record Read(String sha256, Map<String, String> realByHash) {
    }

    private final Map<String, Read> releases = new ConcurrentHashMap<>();

    /** @return whether the Release at {@code host/releasePath} with this content has been read */
    boolean isCurrent(String host, String releasePath, String sha256) {
        Read read = releases.get(host + "/" + releasePath);
        return read != null && read.sha256().equals(sha256);
    }

    /**
     * Reads a Release or InRelease file (the signature is not checked here: apt checks it).
     *
     * @return the indices it lists
     * @throws IOException if it cannot be read or parsed
     */
    Contents read(ControlParser parser, String host, String releasePath, Path file, String sha256)
            throws IOException {
        ReleaseFile release;
        try (InputStream in = Files.newInputStream(file)) {
            if (releasePath.endsWith("InRelease")) {
                ClearSigned signed = parser.clearSigned(in);
                release = parser.release(signed.signedTextStream());
            } else {
                release = parser.release(in);
            }
        }
        String dir = releasePath.contains("/") ? releasePath.substring(0, releasePath.lastIndexOf('/') + 1) : "";
        List<Listed> listed = new ArrayList<>();
        Map<String, String> realByHash = new HashMap<>();
        for (FileChecksum f : release.sha256Files()) {
            String relative = f.path();
            String folder = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/') + 1) : "";
            Listed entry = new Listed(dir + relative, dir + folder + "by-hash/SHA256/" + f.sha256(), f.sha256());
            listed.add(entry);
            realByHash.put(entry.byHashPath(), entry.realPath());
        }
        releases.put(host + "/" + releasePath, new Read(sha256, Map.copyOf(realByHash)));
        return new Contents(release.acquireByHash(), listed);
    }

    /** @return the real name of a by-hash path, if a Release read so far lists it */
    Optional<String> realName(String host, String byHashPath) {
        String prefix = host + "/";
        return releases.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(e -> e.getValue().realByHash().get(byHashPath))
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }
}
