package dev.scalingadvisor.actions.fake;

import dev.scalingadvisor.actions.rescale.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when told to, and a sleeper that moves it instead of sleeping: tests run in no time. */
public final class FakeTime extends Clock implements Sleeper {

    private final AtomicReference<Instant> now;

    public FakeTime(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public static FakeTime at(String instant) {
        return new FakeTime(Instant.parse(instant));
    }

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
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
