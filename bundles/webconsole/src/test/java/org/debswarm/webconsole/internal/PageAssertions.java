package org.debswarm.webconsole.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** What every rendered page must satisfy. */
final class PageAssertions {

    private PageAssertions() {
    }

    /** Nothing from outside the machine, no script, no unescaped hostile value, no console variable. */
    static void selfContainedAndEscaped(String html) {
        assertFalse(html, html.contains("<script"));
        assertFalse(html, html.contains("${"));
        assertFalse(html, html.contains("\u0007"));
        assertFalse(html, html.contains("<link"));
        assertFalse(html, html.matches("(?s).*<[a-zA-Z]+[^>]*\\s(src|href)=['\"]?(https?:)?//.*"));
        assertFalse(html, html.replace("xmlns='http://www.w3.org/2000/svg'", "").matches("(?s).*https?://.*"));
        assertTrue(html, html.startsWith("<style>"));
        assertTrue(html, html.endsWith("</div>"));
    }

    static int count(String html, String part) {
        int n = 0;
        for (int i = html.indexOf(part); i >= 0; i = html.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
