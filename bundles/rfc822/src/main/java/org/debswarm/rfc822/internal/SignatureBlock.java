package org.debswarm.rfc822.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.debswarm.rfc822.ControlParseException;

/**
 * Reads an ASCII-armored signature (RFC 4880 section 6.2) after its BEGIN line: armor headers, an
 * empty line, base64 lines, an optional {@code =XXXX} checksum line and the END line. The signature
 * is kept as text for a verifier; its content is not decoded here.
 */
final class SignatureBlock {

    private final LineBuffer lines;
    private final ByteSink armor;

    SignatureBlock(LineBuffer lines, int maxBytes) {
        this.lines = lines;
        this.armor = new ByteSink(maxBytes, "signature armor");
    }

    /** The whole block, BEGIN line to END line, each line ending in LF. */
    String read() throws IOException {
        append(ClearSignedReader.BEGIN_SIGNATURE);
        headers();
        body();
        append(ClearSignedReader.END_SIGNATURE);
        return new String(armor.toByteArray(), StandardCharsets.US_ASCII);
    }

    private void headers() throws IOException {
        while (true) {
            requireLine();
            String line = line();
            if (line.isEmpty()) {
                return;
            }
            int separator = line.indexOf(": ");
            if (separator <= 0 || !isAscii(line)) {
                throw error("malformed armor header '" + preview() + "' in the signature (expected: Key: Value"
                        + " and an empty line before the base64 data)");
            }
            append(line);
        }
    }

    private void body() throws IOException {
        append("");
        boolean data = false;
        boolean checksum = false;
        while (true) {
            requireLine();
            String line = line();
            if (line.equals(ClearSignedReader.END_SIGNATURE)) {
                if (!data) {
                    throw error("empty signature: no base64 data before " + ClearSignedReader.END_SIGNATURE);
                }
                return;
            }
            if (checksum) {
                throw error("'" + preview() + "' after the armor checksum (expected: "
                        + ClearSignedReader.END_SIGNATURE + ")");
            }
            checksum = line.startsWith("=") && line.length() == 5 && isBase64(line.substring(1));
            if (!checksum && (line.isEmpty() || !isBase64(line))) {
                throw error("'" + preview() + "' in the signature (expected: base64 data, '=' checksum or "
                        + ClearSignedReader.END_SIGNATURE + ")");
            }
            data |= !checksum;
            append(line);
        }
    }

    private static boolean isBase64(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '+' || c == '/' || c == '=';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private void requireLine() throws IOException {
        if (!lines.next()) {
            throw new ControlParseException(lines.number(), "truncated: no " + ClearSignedReader.END_SIGNATURE);
        }
    }

    private void append(String line) throws ControlParseException {
        armor.write(line.getBytes(StandardCharsets.ISO_8859_1), 0, line.length(), lines.number());
        armor.write('\n', lines.number());
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
