package org.debswarm.rfc822.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

import org.debswarm.rfc822.ClearSigned;
import org.debswarm.rfc822.ControlParseException;
import org.debswarm.rfc822.ControlParser;
import org.debswarm.rfc822.DiffIndex;
import org.debswarm.rfc822.PackageReader;
import org.debswarm.rfc822.Paragraph;
import org.debswarm.rfc822.ParagraphReader;
import org.debswarm.rfc822.ParserLimits;
import org.debswarm.rfc822.ReleaseFile;
import org.debswarm.rfc822.SourceReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ControlParser} service: stateless, every call makes its own reader. */
@Component(service = ControlParser.class, configurationPid = DefaultControlParser.PID)
@Designate(ocd = ControlParserConfiguration.class)
public final class DefaultControlParser implements ControlParser {

    /** Configuration PID of the service. */
    public static final String PID = "org.debswarm.rfc822.ControlParser";

    private static final Logger LOG = LoggerFactory.getLogger(DefaultControlParser.class);

    private final ParserLimits limits;

    /** A parser with {@link ParserLimits#DEFAULT}, for use outside OSGi (tests, tools). */
    public DefaultControlParser() {
        this(ParserLimits.DEFAULT);
    }

    /** A parser whose one-argument methods use the given limits. */
    public DefaultControlParser(ParserLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** DS activation: limits from configuration; invalid values fail activation with the reason. */
    @Activate
    public DefaultControlParser(ControlParserConfiguration config) {
        this(ParserLimits.of(config.maxLineLength(), config.maxParagraphBytes(), config.maxFields()));
        LOG.debug("control parser active with {}", limits);
    }

    /** The limits used when a caller passes none. */
    public ParserLimits limits() {
        return limits;
    }

    @Override
    public ParagraphReader paragraphs(InputStream in) {
        return paragraphs(in, limits);
    }

    @Override
    public ParagraphReader paragraphs(InputStream in, ParserLimits limits) {
        return new StreamParagraphReader(in, limits);
    }

    @Override
    public PackageReader packages(InputStream in) {
        return packages(in, limits);
    }

    @Override
    public PackageReader packages(InputStream in, ParserLimits limits) {
        return new StreamPackageReader(in, limits);
    }

    @Override
    public SourceReader sources(InputStream in) {
        return sources(in, limits);
    }

    @Override
    public SourceReader sources(InputStream in, ParserLimits limits) {
        return new StreamSourceReader(new StreamParagraphReader(in, limits));
    }

    @Override
    public ReleaseFile release(InputStream in) throws IOException {
        return release(in, limits);
    }

    @Override
    public ReleaseFile release(InputStream in, ParserLimits limits) throws IOException {
        return ReleaseFile.from(single(in, limits, "Release"));
    }

    @Override
    public ClearSigned clearSigned(InputStream in) throws IOException {
        return clearSigned(in, limits);
    }

    @Override
    public ClearSigned clearSigned(InputStream in, ParserLimits limits) throws IOException {
        return new ClearSignedReader(in, limits).read();
    }

    @Override
    public DiffIndex diffIndex(InputStream in) throws IOException {
        return diffIndex(in, limits);
    }

    @Override
    public DiffIndex diffIndex(InputStream in, ParserLimits limits) throws IOException {
        return DiffIndex.from(single(in, limits, "pdiff Index"));
    }

    /** The one paragraph of a single-paragraph file; the stream is left open for its owner. */
    private static Paragraph single(InputStream in, ParserLimits limits, String kind) throws IOException {
        StreamParagraphReader reader = new StreamParagraphReader(in, limits);
        Paragraph paragraph = reader.next();
        if (paragraph == null) {
            throw new ControlParseException(reader.lineNumber(), "no paragraph: an empty " + kind + " file");
        }
        Paragraph extra = reader.next();
        if (extra != null) {
            throw new ControlParseException(extra.firstLine(), "a second paragraph (expected: a " + kind
                    + " file has exactly one)");
        }
        return paragraph;
    }
}
