package org.debswarm.aptlistener;

import java.util.List;
import java.util.Optional;

import org.debswarm.storage.FileKey;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Every package file the node may be asked for: the entries of the {@code Packages} indices that the apt
 * listener has fetched and passed to apt, per mirror host. A {@code Filename} in an index is relative to
 * its archive root (the part of the index path before {@code dists/}, or the folder of a flat
 * repository's index); the catalog joins the two, so its paths are relative to the host, as in
 * {@code debian/pool/main/h/hello/hello_2.10-3_amd64.deb}.
 * <p>
 * The catalog lives in memory. It is filled when apt fetches or revalidates an index, and from the
 * listener's index cache when the bundle starts.
 *
 * @see <a href="https://wiki.debian.org/DebianRepository/Format#A.22Packages.22_Indices">Packages indices</a>
 */
@ProviderType
public interface IndexCatalog {

    /**
     * What the file at {@code path} on {@code host} must be, if an index lists it. When several current
     * indices list the path, the most recently parsed one answers. An index file's by-hash name
     * ({@code dists/.../by-hash/SHA256/<digest>}) is listed when the newest verified Release of that host lists
     * the index with that digest.
     *
     * @param host the mirror host, as in {@link FileKey#host()} (lower case, {@code :port} when not 80)
     * @param path the path relative to the host, without a leading slash
     * @return the key (host, path, size, SHA-256), or empty if no parsed index (nor verified Release) lists
     *         the path
     */
    Optional<FileKey> entryFor(String host, String path);

    /** @return the current index of each source, one per mirror host and index path, in no particular order */
    List<PackagesIndex> indexes();

    /**
     * @return how many indices and Release files the listener has read since it started, and how many it did not
     *         read again because their content had not changed; a snapshot, for statistics
     * @since 1.3
     */
    IndexParseCounts parseCounts();

    /**
     * Where the node fetches a file of a mirror: {@code https} for a mirror marked {@code https://} in the
     * listener's {@code allowedMirrors}, else its {@code mirrorScheme}. Anything else that fetches from mirrors for
     * the node (the peer wire's mirror fill) asks here, so that one setting says how each mirror is reached.
     *
     * @param host the mirror host, as in {@link FileKey#host()}
     * @param path the path relative to the host, without a leading slash
     * @return the URI, or empty from a provider that does not know (the default)
     * @since 1.4
     */
    default Optional<java.net.URI> mirrorUri(String host, String path) {
        return Optional.empty();
    }
}
