package org.debswarm.webconsole.internal;

/**
 * A page being built, with every value escaped on the way in. Besides the HTML specials, {@code $} is
 * escaped because the Web Console rewrites {@code ${...}} in plugin output as a variable: a torrent named
 * {@code ${brand.name}} must show as written. Control characters become U+FFFD.
 */
final class Html {

    private final StringBuilder out = new StringBuilder(4096);

    /** Markup written as is: only ever constants of this bundle. */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** A value from a service, a peer or a request: escaped. */
    Html text(Object value) {
        escape(String.valueOf(value), out);
        return this;
    }

    /** {@code <tag>value</tag>} with the value escaped. */
    Html element(String tag, Object value) {
        return raw("<").raw(tag).raw(">").text(value).raw("</").raw(tag).raw(">");
    }

    /** A table row of escaped cells; {@code th} for the first cell when {@code header}. */
    Html row(boolean header, Object... cells) {
        raw("<tr>");
        for (int i = 0; i < cells.length; i++) {
            element(header && i == 0 ? "th" : "td", cells[i]);
        }
        return raw("</tr>");
    }

    /** A row of header cells. */
    Html headings(String... names) {
        raw("<tr>");
        for (String name : names) {
            element("th", name);
        }
        return raw("</tr>");
    }

    /** A note for a missing service or an empty table. */
    Html notice(String message) {
        return raw("<p class='dsw-notice'>").text(message).raw("</p>");
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 16);
        escape(value, sb);
        return sb.toString();
    }

    private static void escape(String value, StringBuilder sb) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '$' -> sb.append("&#36;");
                default -> sb.append(c < 0x20 && c != '\t' && c != '\n' || c == 0x7f ? '\ufffd' : c);
            }
        }
    }
}
