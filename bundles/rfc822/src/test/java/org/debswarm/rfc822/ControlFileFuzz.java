package org.debswarm.rfc822;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.debswarm.rfc822.internal.DefaultControlParser;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): any bytes through the paragraph, Packages and Sources readers, once
 * within the default limits and once within tight ones. A {@link ControlParseException} is the documented answer
 * to bad input; anything else escaping is a finding.
 */
public final class ControlFileFuzz {

    private static final ControlParser PARSER = new DefaultControlParser();
    private static final ParserLimits TIGHT = ParserLimits.of(200, 2000, 8);

    private ControlFileFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        for (ParserLimits limits : new ParserLimits[] {ParserLimits.DEFAULT, TIGHT}) {
            paragraphs(input, limits);
            packages(input, limits);
            sources(input, limits);
        }
    }

    private static void paragraphs(byte[] input, ParserLimits limits) {
        try (ParagraphReader reader = PARSER.paragraphs(new ByteArrayInputStream(input), limits)) {
            for (Paragraph p = reader.next(); p != null; p = reader.next()) {
                for (String name : p.fieldNames()) {
                    p.field(name);
                    p.line(name);
                }
                p.bytes();
            }
        } catch (ControlParseException expected) {
            // the documented refusal
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to read", e);
        }
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
