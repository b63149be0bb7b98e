package org.debswarm.rfc822;

import java.io.IOException;

/**
 * Malformed or oversized control-file input. The message always starts with {@code "line N: "} and
 * says what was wrong; where a {@link ParserLimits limit} was exceeded it states the limit.
 */
public class ControlParseException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String problem;

    /**
     * @param line    1-based line number where the problem was found (the paragraph's first line for
     *                problems that concern a whole paragraph), or 0 if unknown
     * @param problem what was wrong, without the line prefix
     */
    public ControlParseException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
        this.problem = problem;
    }

    /** Same as {@link #ControlParseException(int, String)}, with the underlying cause. */
    public ControlParseException(int line, String problem, Throwable cause) {
        super("line " + line + ": " + problem, cause);
        this.line = line;
        this.problem = problem;
    }

    /** The 1-based line number of the problem, 0 if unknown. */
    public int line() {
        return line;
    }

    /** What was wrong, without the {@code "line N: "} prefix. */
    public String problem() {
        return problem;
    }
}
