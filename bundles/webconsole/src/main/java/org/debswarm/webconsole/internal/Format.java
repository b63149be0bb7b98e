package org.debswarm.webconsole.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers for people: binary byte units, rates, percentages, UTC times. */
final class Format {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    static String bytes(double bytes) {
        if (bytes < 1024) {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    static String rate(double bytesPerSecond) {
        return bytes(bytesPerSecond) + "/s";
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String time(Instant instant) {
        return instant.equals(Instant.EPOCH) ? "never" : TIME.format(instant);
    }

    /** How long ago, roughly: "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
    static String ago(Instant instant, Instant now) {
        if (instant.equals(Instant.EPOCH)) {
            return "never";
        }
        long s = Math.max(0, Duration.between(instant, now).getSeconds());
        if (s < 120) {
            return s + " s ago";
        }
        if (s < 7200) {
            return s / 60 + " min ago";
        }
        return s < 172_800 ? s / 3600 + " h ago" : s / 86_400 + " d ago";
    }
}
