package org.debswarm.rfc822;

import java.io.IOException;
import java.io.InputStream;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's parser for Debian control files (deb822): {@code Packages}, {@code Sources},
 * {@code Release}, {@code InRelease} and pdiff {@code Index}. Available as an OSGi service; stateless and
 * thread-safe.
 *
 * <p>Input is the plain text: the caller decompresses {@code .xz}/{@code .gz} first. Line endings may be
 * LF or CR LF; the last line need not end with a newline. Malformed input and input beyond the
 * {@link ParserLimits} fail with a {@link ControlParseException} naming the line. Methods without a
 * {@code ParserLimits} argument use the service's configured limits ({@link ParserLimits#DEFAULT} unless
 * configured otherwise).
 *
 * <p>Readers ({@code paragraphs}, {@code packages}, {@code sources}) take ownership of the stream and
 * close it when closed. The one-shot methods ({@code release}, {@code clearSigned}, {@code diffIndex})
 * read the stream to its end and leave closing it to the caller.
 *
 * @see <a href="https://manpages.debian.org/bookworm/dpkg-dev/deb822.5.en.html">deb822(5)</a>
 * @see <a href="https://wiki.debian.org/DebianRepository/Format">Debian Repository Format</a>
 */
@ProviderType
public interface ControlParser {

    /** Streams the paragraphs of any control file. */
    ParagraphReader paragraphs(InputStream in);

    /** Streams the paragraphs of any control file within the given limits. */
    ParagraphReader paragraphs(InputStream in, ParserLimits limits);

    /** Streams the entries of a {@code Packages} index, skipping the fields a {@link PackageEntry} lacks. */
    PackageReader packages(InputStream in);

    /** Streams the entries of a {@code Packages} index within the given limits. */
    PackageReader packages(InputStream in, ParserLimits limits);

    /** Streams the entries of a {@code Sources} index. */
    SourceReader sources(InputStream in);

    /** Streams the entries of a {@code Sources} index within the given limits. */
    SourceReader sources(InputStream in, ParserLimits limits);

    /**
     * Reads a plain {@code Release} file, or the text extracted from an {@code InRelease} by
     * {@link #clearSigned(InputStream)} ({@link ClearSigned#signedTextStream()}).
     *
     * @throws ControlParseException if the input is not exactly one valid Release paragraph
     */
    ReleaseFile release(InputStream in) throws IOException;

    /** {@link #release(InputStream)} within the given limits. */
    ReleaseFile release(InputStream in, ParserLimits limits) throws IOException;

    /**
     * Splits a cleartext-signed document ({@code InRelease}) into signed text and signature armor
     * (RFC 4880 section 7). Nothing may precede the {@code BEGIN PGP SIGNED MESSAGE} line or follow the
     * {@code END PGP SIGNATURE} line but empty lines. The signature is not verified.
     *
     * @throws ControlParseException if the armor is broken: a missing or misplaced armor line, an
     *                               armor header other than {@code Hash} before the text, a dash line
     *                               that is not escaped, a bad signature block, or truncated input
     */
    ClearSigned clearSigned(InputStream in) throws IOException;

    /** {@link #clearSigned(InputStream)} within the given limits. */
    ClearSigned clearSigned(InputStream in, ParserLimits limits) throws IOException;

    /**
     * Reads a pdiff {@code Index} ({@code Packages.diff/Index}).
     *
     * @throws ControlParseException if the input is not exactly one valid Index paragraph
     */
    DiffIndex diffIndex(InputStream in) throws IOException;

    /** {@link #diffIndex(InputStream)} within the given limits. */
    DiffIndex diffIndex(InputStream in, ParserLimits limits) throws IOException;
}
