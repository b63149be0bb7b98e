package org.debswarm.rfc822.internal;

import java.io.IOException;

import org.debswarm.rfc822.Paragraph;
import org.debswarm.rfc822.SourceEntry;
import org.debswarm.rfc822.SourceReader;

/** Sources indices are small and rarely read, so entries keep their whole paragraph. */
final class StreamSourceReader implements SourceReader {

    private final StreamParagraphReader paragraphs;

    StreamSourceReader(StreamParagraphReader paragraphs) {
        this.paragraphs = paragraphs;
    }

    @Override
    public SourceEntry next() throws IOException {
        Paragraph p = paragraphs.next();
        return p == null ? null : SourceEntry.from(p);
    }

    @Override
    public void close() throws IOException {
        paragraphs.close();
    }
}
