package dev.scalingadvisor.actions.fake;

import dev.scalingadvisor.actions.rescale.Sleeper;
import dev.scalingadvisor.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to, and a sleeper that moves it instead of sleeping: tests run in no time.
 * {@link #step} moves the wall clock alone, as an NTP step or an operator's {@code date -s} does; the monotonic
 * reading moves only with {@link #advance} and {@link #sleep}.
 */
public final class FakeTime extends MutableClock implements Sleeper {

    private final AtomicLong nanos = new AtomicLong();

    public FakeTime(Instant start) {
        super(start);
    }

    public static FakeTime at(String instant) {
        return new FakeTime(Instant.parse(instant));
    }

    @Override
    public synchronized void advance(Duration duration) {
        super.advance(duration);
        nanos.addAndGet(duration.toNanos());
    }

    /** Steps the wall clock by {@code by} (negative: back) while no time passes. */
    public synchronized void step(Duration by) {
        super.advance(by);
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public void sleep(Duration duration) {
        advance(duration);
    }
}
