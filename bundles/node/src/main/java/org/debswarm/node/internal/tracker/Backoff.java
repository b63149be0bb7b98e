package org.debswarm.node.internal.tracker;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delay before retrying a tracker that failed {@code n} times in a row: {@code initial} doubling up to
 * {@code max}, less a random part of up to a quarter, so that nodes restarted together do not retry together.
 * Bounded on both sides: never under three quarters of {@code initial}, never over {@code max}.
 */
public final class Backoff {

    public static final Duration INITIAL = Duration.ofSeconds(15);
    public static final Duration MAX = Duration.ofMinutes(30);

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random values in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble} */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff " + initial + " to " + max
                    + " (expected: 0 < initial <= max)");
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** @param failures consecutive failures, at least 1 */
    public Duration delay(int failures) {
        long base = initial.toMillis();
        for (int i = 1; i < failures && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        long jitter = (long) (base / 4.0 * random.getAsDouble());
        return Duration.ofMillis(base - jitter);
    }
}
