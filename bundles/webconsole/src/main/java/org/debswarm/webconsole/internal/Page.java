package org.debswarm.webconsole.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What every Debswarm page shares. On a GET the Web Console has already written its header and navigation
 * and set the content type; a plugin writes only its content, which starts with this inline style sheet
 * (scoped to {@code .dsw}, nothing loaded from elsewhere).
 */
final class Page {

    /** The Web Console category all Debswarm plugins are listed under. */
    static final String CATEGORY = "Debswarm";

    /** Request attribute with the plugin's own URL path (ServletConstants.ATTR_PLUGIN_ROOT of Web Console 5). */
    static final String PLUGIN_ROOT = "felix.webconsole.pluginRoot";

    private static final String STYLE = "<style>"
            + ".dsw{font-size:13px}.dsw h2{margin:14px 0 6px}"
            + ".dsw table{border-collapse:collapse;margin:4px 0 12px}"
            + ".dsw th,.dsw td{border:1px solid #ccc;padding:2px 8px;text-align:left}"
            + ".dsw td.n,.dsw th.n{text-align:right}"
            + ".dsw .dsw-notice{background:#fff8e1;border:1px solid #ffe082;padding:6px 10px}"
            + ".dsw .dsw-warning{background:#ffebee;border-color:#ef9a9a}"
            + ".dsw .dsw-bar{display:inline-block;width:160px;height:10px;background:#eee;vertical-align:middle}"
            + ".dsw .dsw-bar span{display:block;height:10px;background:#2e7d32}"
            + ".dsw .dsw-swatch{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}"
            + ".dsw .dsw-chart{background:#fafafa;border:1px solid #ddd}"
            + ".dsw form{display:inline}"
            + "</style>";

    private Page() {
    }

    /** A page's opening: the style and the scoping element. */
    static Html start() {
        return new Html().raw(STYLE).raw("<div class='dsw'>");
    }

    static String end(Html html) {
        return html.raw("</div>").toString();
    }

    static void write(HttpServletResponse response, String content) throws IOException {
        response.getWriter().write(content);
    }

    /** The plugin's URL path, for links and form actions; empty outside the console (tests). */
    static String root(HttpServletRequest request) {
        Object root = request.getAttribute(PLUGIN_ROOT);
        return root instanceof String ? (String) root : "";
    }

    /** A progress bar for a fraction from 0 to 1. */
    static void bar(Html html, double fraction) {
        long width = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
        html.raw("<span class='dsw-bar'><span style='width:" + width + "%'></span></span> ")
                .text(Format.percent(fraction));
    }
}
