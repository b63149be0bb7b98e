package org.debswarm.webconsole.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.debswarm.stats.RatePoint;

/**
 * A line chart of the rate history, drawn as inline SVG by the node (no script, nothing fetched): bytes per
 * second from peers, from mirrors and uploaded, over points summed into buckets of {@code perBucket}.
 */
final class Chart {

    static final String PEERS_COLOUR = "#2e7d32";
    static final String MIRRORS_COLOUR = "#ef6c00";
    static final String UPLOAD_COLOUR = "#1565c0";
    private static final int WIDTH = 720;
    private static final int HEIGHT = 180;
    private static final int LEFT = 70;
    private static final int BOTTOM = 20;
    private static final int TOP = 10;

    private Chart() {
    }

    /**
     * @param points    the history, oldest first
     * @param period    the length of one point
     * @param perBucket points summed into one plotted value
     * @param title     said by screen readers and shown as a tooltip
     */
    static void render(Html html, List<RatePoint> points, Duration period, int perBucket, String title) {
        int buckets = Math.max(1, points.size() / perBucket);
        double seconds = period.getSeconds() * (double) perBucket;
        double[][] series = new double[3][buckets];
        for (int i = 0; i < buckets * perBucket && i < points.size(); i++) {
            RatePoint p = points.get(i);
            series[0][i / perBucket] += p.fromPeers() / seconds;
            series[1][i / perBucket] += p.fromMirrors() / seconds;
            series[2][i / perBucket] += p.uploaded() / seconds;
        }
        double max = 1;
        for (double[] s : series) {
            for (double v : s) {
                max = Math.max(max, v);
            }
        }
        html.raw("<svg class='dsw-chart' xmlns='http://www.w3.org/2000/svg' role='img' viewBox='0 0 ")
                .raw(WIDTH + " " + HEIGHT + "' width='" + WIDTH + "' height='" + HEIGHT + "'>")
                .element("title", title);
        axes(html, points, max);
        polyline(html, series[1], max, MIRRORS_COLOUR);
        polyline(html, series[2], max, UPLOAD_COLOUR);
        polyline(html, series[0], max, PEERS_COLOUR);
        html.raw("</svg>");
        legend(html);
    }

    private static void axes(Html html, List<RatePoint> points, double max) {
        int plotBottom = HEIGHT - BOTTOM;
        html.raw("<line x1='" + LEFT + "' y1='" + TOP + "' x2='" + LEFT + "' y2='" + plotBottom
                + "' stroke='#888'/><line x1='" + LEFT + "' y1='" + plotBottom + "' x2='" + WIDTH + "' y2='"
                + plotBottom + "' stroke='#888'/>");
        label(html, 2, TOP + 10, Format.rate(max));
        label(html, 2, plotBottom, "0");
        if (!points.isEmpty()) {
            label(html, LEFT, HEIGHT - 4, Format.time(points.get(0).start()));
            html.raw("<text x='" + WIDTH + "' y='" + (HEIGHT - 4) + "' font-size='10' text-anchor='end'>")
                    .text(Format.time(points.get(points.size() - 1).start())).raw("</text>");
        }
    }

    private static void label(Html html, int x, int y, String text) {
        html.raw("<text x='" + x + "' y='" + y + "' font-size='10'>").text(text).raw("</text>");
    }

    private static void polyline(Html html, double[] values, double max, String colour) {
        double width = WIDTH - LEFT;
        double height = HEIGHT - BOTTOM - TOP;
        StringBuilder coordinates = new StringBuilder(values.length * 12);
        for (int i = 0; i < values.length; i++) {
            double x = LEFT + (values.length == 1 ? width : width * i / (values.length - 1));
            double y = TOP + height - height * values[i] / max;
            coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        html.raw("<polyline fill='none' stroke-width='1.5' stroke='" + colour + "' points='")
                .raw(coordinates.toString().trim()).raw("'/>");
    }

    private static void legend(Html html) {
        html.raw("<div class='dsw-legend'>");
        swatch(html, PEERS_COLOUR, "from peers");
        swatch(html, MIRRORS_COLOUR, "from mirrors");
        swatch(html, UPLOAD_COLOUR, "uploaded to peers");
        html.raw("</div>");
    }

    private static void swatch(Html html, String colour, String name) {
        html.raw("<span><span class='dsw-swatch' style='background:" + colour + "'></span>").text(name)
                .raw("</span> ");
    }
}
