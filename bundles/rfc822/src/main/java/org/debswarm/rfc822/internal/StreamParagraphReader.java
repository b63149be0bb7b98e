package org.debswarm.rfc822.internal;

import java.io.IOException;
import java.io.InputStream;

import org.debswarm.rfc822.Paragraph;
import org.debswarm.rfc822.ParagraphReader;
import org.debswarm.rfc822.ParserLimits;

/** Copies each scanned paragraph once, into a {@link Paragraph} that decodes its values on demand. */
final class StreamParagraphReader implements ParagraphReader {

    private final ParagraphScanner scanner;

    StreamParagraphReader(InputStream in, ParserLimits limits) {
        this.scanner = new ParagraphScanner(new LineBuffer(in, limits.maxLineLength()), limits);
    }

    @Override
    public Paragraph next() throws IOException {
        if (!scanner.next()) {
            return null;
        }
        return Paragraph.of(scanner.buffer(), scanner.offset(), scanner.length(), scanner.spans(),
                scanner.fieldCount(), scanner.firstLine());
    }

    /** Number of the last line read, for errors about what follows the last paragraph. */
    int lineNumber() {
        return scanner.lineNumber();
    }

    @Override
    public void close() throws IOException {
        scanner.close();
    }
}
