package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An ed-style patch as pdiffs carry them: the subset of {@code diff --ed} output that apt's {@code rred}
 * method accepts. Commands are {@code Na} (append after line N, N may be 0), {@code Nc}/{@code N,Mc} (change),
 * {@code Nd}/{@code N,Md} (delete); {@code a} and {@code c} are followed by text lines ended by a line holding
 * only {@code .}. Commands come in strictly descending order of the lines they touch and never overlap, so the
 * patch applies in one pass over its input, last command first. Anything else ({@code s/.//}, {@code w},
 * an unterminated text, a command out of order, a line beyond the input) is an error: the caller then falls
 * back to the whole index.
 * <p>
 * Memory: the patch itself (at most {@code maxPatchBytes}) plus a 64 KB buffer; the input and output are
 * streamed, unchanged lines in blocks. Immutable once parsed; a pure function.
 *
 * <p>
 * Public only so that {@code bench/PdiffBench} can time it on the plain classpath, as other benchmarks do with
 * their bundles' internal classes; the package is not exported.
 *
 * @see <a href="https://wiki.debian.org/DebianRepository/Format#diffs">Debian Repository Format, diffs</a>
 */
public final class EdPatch {

    private enum Kind { APPEND, CHANGE, DELETE }

    /** One command: lines {@code first..last} (for APPEND: after line {@code first}) and the text it writes. */
    private record Command(Kind kind, long first, long last, List<byte[]> text) {
        /** Position in doubled line numbers, so that "after line N" sits between N and N+1. */
        long low() {
            return kind == Kind.APPEND ? 2 * first + 1 : 2 * first;
        }

        long high() {
            return kind == Kind.APPEND ? 2 * first + 1 : 2 * last;
        }
    }

    private final List<Command> ascending;

    private EdPatch(List<Command> ascending) {
        this.ascending = List.copyOf(ascending);
    }

    /** @return the number of commands */
    public int size() {
        return ascending.size();
    }

    /**
     * Reads a whole patch.
     *
     * @param patch the uncompressed patch
     * @param maxPatchBytes the most bytes the patch may have
     * @throws PatchException if the patch is malformed, out of order or larger than {@code maxPatchBytes}
     * @throws IOException if the stream fails
     */
    public static EdPatch parse(InputStream patch, long maxPatchBytes) throws IOException {
        LineInput in = new LineInput(patch, maxPatchBytes);
        List<Command> descending = new ArrayList<>();
        for (byte[] line = in.next(); line != null; line = in.next()) {
            Command command = command(line, in);
            if (!descending.isEmpty() && command.high() >= descending.get(descending.size() - 1).low()) {
                throw new PatchException("line " + in.lineNumber() + ": command '" + text(line)
                        + "' is not below the previous one (expected: strictly descending, non-overlapping commands)");
            }
            descending.add(command);
        }
        List<Command> ascending = new ArrayList<>(descending);
        java.util.Collections.reverse(ascending);
        return new EdPatch(ascending);
    }

    private static Command command(byte[] raw, LineInput in) throws IOException {
        String line = text(raw);
        if (line.endsWith("\n")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            throw new PatchException("line " + in.lineNumber() + ": empty line (expected: a command)");
        }
        char op = line.charAt(line.length() - 1);
        Kind kind = switch (op) {
            case 'a' -> Kind.APPEND;
            case 'c' -> Kind.CHANGE;
            case 'd' -> Kind.DELETE;
            default -> throw new PatchException("line " + in.lineNumber() + ": '" + abbreviate(line)
                    + "' is not an a, c or d command (rred accepts no other)");
        };
        String range = line.substring(0, line.length() - 1);
        int comma = range.indexOf(',');
        if (kind == Kind.APPEND && comma >= 0) {
            throw new PatchException("line " + in.lineNumber() + ": '" + line + "' (expected: Na, one line number)");
        }
        long first = number(comma < 0 ? range : range.substring(0, comma), in);
        long last = comma < 0 ? first : number(range.substring(comma + 1), in);
        if ((kind != Kind.APPEND && first < 1) || last < first) {
            throw new PatchException("line " + in.lineNumber() + ": bad range in '" + line + "'");
        }
        List<byte[]> text = kind == Kind.DELETE ? List.of() : text(in);
        return new Command(kind, first, last, text);
    }

    private static List<byte[]> text(LineInput in) throws IOException {
        List<byte[]> text = new ArrayList<>();
        for (byte[] line = in.next(); ; line = in.next()) {
            if (line == null) {
                throw new PatchException("truncated: text of the command before line " + in.lineNumber()
                        + " has no '.' line");
            }
            if (line.length == 2 && line[0] == '.' && line[1] == '\n') {
                return text;
            }
            if (line[line.length - 1] != '\n') {
                throw new PatchException("truncated: the last text line has no line ending");
            }
            text.add(line);
        }
    }

    private static long number(String digits, LineInput in) throws PatchException {
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new PatchException("line " + in.lineNumber() + ": '" + abbreviate(digits)
                    + "' is not a line number (expected: 1 to 12 decimal digits)");
        }
        return Long.parseLong(digits);
    }

    /**
     * Applies the patch to {@code in}, writing the result to {@code out} (neither is closed). Unchanged lines go
     * from the input's buffer to {@code out} in blocks, never one line at a time: no input line is held, whatever
     * its length.
     *
     * @throws PatchException if a command names a line the input does not have
     */
    public void apply(InputStream in, OutputStream out) throws IOException {
        Input input = new Input(in);
        for (Command c : ascending) {
            long keep = c.kind() == Kind.APPEND ? c.first() : c.first() - 1;
            required(input, input.pass(keep - input.lineNumber(), out), c);
            if (c.kind() != Kind.APPEND) {
                required(input, input.pass(c.last() - c.first() + 1, null), c);
            }
            if (!c.text().isEmpty() && !input.endedWithNewline()) {
                out.write('\n');
            }
            for (byte[] t : c.text()) {
                out.write(t);
            }
            if (!c.text().isEmpty()) {
                input.textWritten();
            }
        }
        input.pass(Long.MAX_VALUE, out);
    }

    private static void required(Input input, boolean complete, Command c) throws PatchException {
        if (!complete) {
            throw new PatchException("the patch changes line " + (c.kind() == Kind.APPEND ? c.first() : c.last())
                    + " but the input has only " + input.lineNumber() + " lines");
        }
    }

    /**
     * The input of {@link #apply}: copies or skips whole lines straight from its buffer. A last line without
     * {@code \n} counts as a line.
     */
    private static final class Input {
        private final InputStream in;
        private final byte[] buffer = new byte[65536];
        private int position;
        private int limit;
        private long lineNumber;
        /** Whether part of the current line was passed (false: at the start of a line). */
        private boolean inLine;
        /** Whether the last byte written to the output ends a line (true before anything is written). */
        private boolean endedWithNewline = true;

        Input(InputStream in) {
            this.in = in;
        }

        long lineNumber() {
            return lineNumber;
        }

        boolean endedWithNewline() {
            return endedWithNewline;
        }

        void textWritten() {
            endedWithNewline = true;
        }

        /**
         * Passes up to {@code lines} lines, writing them to {@code out} or, if it is null, skipping them.
         *
         * @return whether all of them were there
         */
        boolean pass(long lines, OutputStream out) throws IOException {
            long passed = 0;
            while (passed < lines) {
                if (position == limit && !fill()) {
                    if (inLine) {
                        inLine = false;
                        passed++;
                        lineNumber++;
                    }
                    return passed == lines;
                }
                int start = position;
                int end = position;
                long before = passed;
                while (end < limit && passed < lines) {
                    if (buffer[end++] == '\n') {
                        passed++;
                    }
                }
                lineNumber += passed - before;
                position = end;
                inLine = buffer[end - 1] != '\n';
                if (out != null) {
                    out.write(buffer, start, end - start);
                    endedWithNewline = !inLine;
                }
            }
            return true;
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer, 0, buffer.length);
            if (n == 0) { // a stream that breaks the contract of read(byte[], int, int): one byte at a time then
                int b = in.read();
                buffer[0] = (byte) b;
                n = b < 0 ? -1 : 1;
            }
            if (n < 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }
    }

    private static String text(byte[] line) {
        return new String(line, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** A patch that cannot be read or applied; the message says why. */
    static final class PatchException extends IOException {
        private static final long serialVersionUID = 1L;

        PatchException(String message) {
            super(message);
        }
    }
}
