package org.debswarm.rfc822;

import java.io.Closeable;
import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Streams the paragraphs of a control file one at a time; memory use is bounded by the
 * {@link ParserLimits} the reader was made with, whatever the size of the file. Not thread-safe.
 * Closing the reader closes its input stream.
 *
 * <p>After a {@link ControlParseException} the reader's position is unspecified: close it.
 */
@ProviderType
public interface ParagraphReader extends Closeable {

    /**
     * The next paragraph, or {@code null} at the end of the input.
     *
     * @throws ControlParseException if the input is malformed or exceeds a limit
     * @throws IOException           if reading the stream fails
     */
    Paragraph next() throws IOException;
}
