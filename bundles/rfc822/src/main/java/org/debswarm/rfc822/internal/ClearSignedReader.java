package org.debswarm.rfc822.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.debswarm.rfc822.ClearSigned;
import org.debswarm.rfc822.ControlParseException;
import org.debswarm.rfc822.ParserLimits;

/**
 * Splits a cleartext signature (RFC 4880 section 7) as strictly as apt and gpgv expect it: empty lines
 * only before the first armor line and after the last, only {@code Hash} headers before the text,
 * every text line starting with '-' dash-escaped, and a well-formed signature block. Being strict
 * matters: text outside the signed part must never be mistaken for signed content.
 */
final class ClearSignedReader {

    static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
    static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";

    private final LineBuffer lines;
    private final int maxBytes;

    ClearSignedReader(InputStream in, ParserLimits limits) {
        this.lines = new LineBuffer(in, limits.maxLineLength());
        this.maxBytes = limits.maxParagraphBytes();
    }

    ClearSigned read() throws IOException {
        expectBeginMessage();
        String hash = hashHeaders();
        byte[] text = signedText();
        String armor = new SignatureBlock(lines, maxBytes).read();
        expectOnlyEmptyLines();
        return new ClearSigned(text, armor, hash);
    }

    private void expectBeginMessage() throws IOException {
        String line;
        do {
            requireLine("no " + BEGIN_MESSAGE + " line");
            line = line();
        } while (line.isEmpty());
        if (!line.equals(BEGIN_MESSAGE)) {
            throw error("expected " + BEGIN_MESSAGE + ", found '" + preview() + "'");
        }
    }

    /** The Hash armor headers up to the empty line; their values joined by commas, or null if none. */
    private String hashHeaders() throws IOException {
        List<String> algorithms = new ArrayList<>();
        while (true) {
            requireLine("input ends in the armor headers");
            String line = line();
            if (line.isEmpty()) {
                return algorithms.isEmpty() ? null : String.join(",", algorithms);
            }
            int separator = line.indexOf(": ");
            if (separator <= 0) {
                throw error("malformed armor header '" + preview() + "' (expected: Key: Value)");
            }
            if (!line.substring(0, separator).equals("Hash")) {
                throw error("armor header '" + line.substring(0, separator)
                        + "' before the signed text (expected: only Hash)");
            }
            for (String algorithm : line.substring(separator + 2).split(",")) {
                if (!algorithm.isBlank()) {
                    algorithms.add(algorithm.trim());
                }
            }
        }
    }

    /** The dash-unescaped text up to BEGIN PGP SIGNATURE, trailing blanks removed, LF-joined. */
    private byte[] signedText() throws IOException {
        ByteSink text = new ByteSink(maxBytes, "signed text");
        boolean first = true;
        while (true) {
            requireLine("no " + BEGIN_SIGNATURE + " after the signed text");
            byte[] b = lines.buffer();
            int s = lines.start();
            int e = Ascii.trimEnd(b, s, lines.end());
            if (s < e && b[s] == '-') {
                if (Ascii.startsWith(b, s, e, BEGIN_SIGNATURE) && e - s == BEGIN_SIGNATURE.length()) {
                    return text.toByteArray();
                }
                if (!Ascii.startsWith(b, s, e, "- ")) {
                    throw error("line starts with '-' but is not dash-escaped (RFC 4880 section 7.1): '"
                            + preview() + "'");
                }
                s += 2;
            }
            if (!first) {
                text.write('\n', lines.number());
            }
            text.write(b, s, e, lines.number());
            first = false;
        }
    }

    private void expectOnlyEmptyLines() throws IOException {
        while (lines.next()) {
            if (!line().isEmpty()) {
                throw error("unexpected content after " + END_SIGNATURE + ": '" + preview() + "'");
            }
        }
    }

    /** Advances to the next line; at the end of the input fails with "truncated: " + what is missing. */
    private void requireLine(String missing) throws IOException {
        if (!lines.next()) {
            throw new ControlParseException(lines.number(), "truncated: " + missing);
        }
    }

    private String line() {
        byte[] b = lines.buffer();
        int s = lines.start();
        return new String(b, s, Ascii.trimEnd(b, s, lines.end()) - s, StandardCharsets.ISO_8859_1);
    }

    private String preview() {
        return Ascii.preview(lines.buffer(), lines.start(), lines.end());
    }

    private ControlParseException error(String problem) {
        return new ControlParseException(lines.number(), problem);
    }
}
