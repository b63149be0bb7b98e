/**
 * Debian control-file (deb822) parsing: the one parser every Debswarm bundle uses for
 * {@code Packages}, {@code Sources}, {@code Release}, {@code InRelease} and pdiff {@code Index} files.
 *
 * <p>Entry point is the {@link org.debswarm.rfc822.ControlParser} service. Readers stream paragraphs
 * from an {@link java.io.InputStream} the caller has already decompressed; typed views
 * ({@link org.debswarm.rfc822.PackageEntry}, {@link org.debswarm.rfc822.SourceEntry},
 * {@link org.debswarm.rfc822.ReleaseFile}, {@link org.debswarm.rfc822.DiffIndex}) validate what the node
 * relies on (sizes, SHA-256 digests, relative paths). Malformed or oversized input fails with a
 * {@link org.debswarm.rfc822.ControlParseException} naming the line; every buffer is bounded by
 * {@link org.debswarm.rfc822.ParserLimits}.
 *
 * <p>Specifications: <a href="https://manpages.debian.org/bookworm/dpkg-dev/deb822.5.en.html">deb822(5)</a>,
 * <a href="https://www.debian.org/doc/debian-policy/ch-controlfields.html#syntax-of-control-files">Debian
 * Policy 5.1</a>, <a href="https://wiki.debian.org/DebianRepository/Format">Debian Repository Format</a>,
 * <a href="https://www.rfc-editor.org/rfc/rfc4880#section-7">RFC 4880 section 7</a> (cleartext signatures).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.debswarm.rfc822;
