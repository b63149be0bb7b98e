package org.debswarm.rfc822;

import java.io.Closeable;
import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Streams the entries of a {@code Packages} index, reading only the fields a {@link PackageEntry}
 * holds: the entries' {@link PackageEntry#paragraph()} is {@code null}. Not thread-safe. Closing the
 * reader closes its input stream.
 *
 * <p>After a {@link ControlParseException} the reader's position is unspecified: close it.
 */
@ProviderType
public interface PackageReader extends Closeable {

    /**
     * The next entry, or {@code null} at the end of the input.
     *
     * @throws ControlParseException if the input is malformed, a required field is missing or invalid,
     *                               or a limit is exceeded
     * @throws IOException           if reading the stream fails
     */
    PackageEntry next() throws IOException;
}
