package org.debswarm.rfc822;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.debswarm.rfc822.internal.DefaultControlParser;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): any bytes through the paragraph, Packages and Sources readers, once
 * within the default limits and once within tight ones. A {@link ControlParseException} is the documented answer
 * to bad input; anything else escaping is a finding, and so is a paragraph reader that reads the same bytes
 * differently when they arrive one per read (as from a slow mirror) than when they arrive whole.
 */
public final class ControlFileFuzz {

    private static final ControlParser PARSER = new DefaultControlParser();
    private static final ParserLimits TIGHT = ParserLimits.of(200, 2000, 8);

    private ControlFileFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        for (ParserLimits limits : new ParserLimits[] {ParserLimits.DEFAULT, TIGHT}) {
            List<String> whole = paragraphs(Feed.WHOLE.of(input), limits);
            List<String> byteByByte = paragraphs(Feed.BYTE_BY_BYTE.of(input), limits);
            if (!whole.equals(byteByByte)) {
                throw new IllegalStateException("whole: " + whole + ", byte by byte: " + byteByByte);
            }
            packages(input, limits);
            sources(input, limits);
        }
    }

    /** What the reader made of the input: each field with its line and each paragraph's bytes, or its refusal. */
    private static List<String> paragraphs(InputStream in, ParserLimits limits) {
        List<String> read = new ArrayList<>();
        try (ParagraphReader reader = PARSER.paragraphs(in, limits)) {
            for (Paragraph p = reader.next(); p != null; p = reader.next()) {
                for (String name : p.fieldNames()) {
                    read.add(name + "@" + p.line(name) + ": " + p.field(name));
                }
                read.add("paragraph of line " + p.firstLine() + ", bytes " + Arrays.hashCode(p.bytes()));
            }
        } catch (ControlParseException e) {
            read.add("refused: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to read", e);
        }
        return read;
    }

    private static void packages(byte[] input, ParserLimits limits) {
        try (PackageReader reader = PARSER.packages(new ByteArrayInputStream(input), limits)) {
            for (PackageEntry e = reader.next(); e != null; e = reader.next()) {
                e.version();
                e.architecture();
                e.filename();
                e.size();
            }
        } catch (ControlParseException expected) {
            // the documented refusal
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to read", e);
        }
    }

    private static void sources(byte[] input, ParserLimits limits) {
        try (SourceReader reader = PARSER.sources(new ByteArrayInputStream(input), limits)) {
            for (SourceEntry e = reader.next(); e != null; e = reader.next()) {
                e.version();
                e.directory();
                e.files();
            }
        } catch (ControlParseException expected) {
            // the documented refusal
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to read", e);
        }
    }
}
