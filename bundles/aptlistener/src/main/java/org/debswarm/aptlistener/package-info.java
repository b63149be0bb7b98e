/**
 * The apt listener's view of the archives it serves: which package files ({@code .deb}) each mirror's
 * {@code Packages} indices list, with the size and SHA-256 the index gives them.
 * <p>
 * The {@link org.debswarm.aptlistener.IndexCatalog} service answers "what must the file at this path be?"
 * for the store and the swarm; {@link org.debswarm.aptlistener.PackagesIndexListener} services (whiteboard)
 * hear of every {@code Packages} index the listener has parsed, for example to build its torrents.
 * {@link org.debswarm.aptlistener.IndexParseCounts} (1.3) says how many indices it parsed and how many it found
 * unchanged, for the node's statistics. {@link org.debswarm.aptlistener.PackageSource} services (whiteboard) are
 * offered the package files apt waits for; since 2.0 they are offered the store's write, and hand what they
 * cannot finish to the sources below them ({@link org.debswarm.aptlistener.SourcesBelow}), the last of which is
 * the mirror.
 * <p>
 * Formats: <a href="https://wiki.debian.org/DebianRepository/Format">Debian Repository Format</a>
 * (Packages indices, Release files, by-hash), apt's
 * <a href="https://manpages.debian.org/bookworm/apt/sources.list.5.en.html">sources.list(5)</a>.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.debswarm.aptlistener;
