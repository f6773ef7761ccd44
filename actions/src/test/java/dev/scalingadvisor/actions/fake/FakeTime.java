package dev.scalingadvisor.actions.fake;

import dev.scalingadvisor.actions.rescale.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to, and a sleeper that moves it instead of sleeping: tests run in no time.
 * {@link #step} moves the wall clock alone, as an NTP step or an operator's {@code date -s} does; the monotonic
 * reading moves only with {@link #advance} and {@link #sleep}.
 */
public final class FakeTime extends Clock implements Sleeper {

    private final AtomicReference<Instant> now;
    private final AtomicLong nanos = new AtomicLong();

    public FakeTime(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public static FakeTime at(String instant) {
        return new FakeTime(Instant.parse(instant));
    }

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
        nanos.addAndGet(duration.toNanos());
    }

    /** Steps the wall clock by {@code by} (negative: back) while no time passes. */
    public void step(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public void sleep(Duration duration) {
        advance(duration);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
