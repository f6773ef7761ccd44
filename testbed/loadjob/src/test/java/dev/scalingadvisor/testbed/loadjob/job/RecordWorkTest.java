package dev.scalingadvisor.testbed.loadjob.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordWorkTest {

    /** A clock that moves 1 µs per reading (the spin loop's cost) and oversleeps every park by a fixed amount. */
    private static final class FakeTime implements RecordWork.Time {
        private static final long serialVersionUID = 1L;
        private final long oversleepNanos;
        long now;
        long parked;

        FakeTime(long oversleepNanos) {
            this.oversleepNanos = oversleepNanos;
        }

        @Override
        public long nanoTime() {
            now += 1_000;
            return now;
        }

        @Override
        public void park(long nanos) {
            parked += nanos;
            now += nanos + oversleepNanos;
        }
    }

    @Test
    void spendsTheConfiguredTimePerRecordOnAverageEvenWhenParkingOversleeps() {
        FakeTime time = new FakeTime(TimeUnit.MICROSECONDS.toNanos(300));
        RecordWork work = new RecordWork(500, 0.5, time);

        for (int i = 0; i < 1000; i++) {
            work.perform(i);
        }

        // 1000 records × 500 µs. What a park oversleeps is paid back by the following records, so the total is
        // off by at most one oversleep (0.3 ms) plus the fake clock's own 1 µs per reading outside the spin
        // loop (about 2 per record: 2 ms). Without the payback it would be 250 parks × 0.3 ms = 75 ms over.
        double millis = time.now / 1e6;
        assertThat(millis).isBetween(500.0, 500.0 + 0.3 + 2.5);
        assertThat(work.sink()).isPositive();
    }

    @Test
    void burnsCpuForItsShareAndWaitsForTheRest() {
        FakeTime time = new FakeTime(0);
        RecordWork work = new RecordWork(1_000, 0.25, time);

        for (int i = 0; i < 100; i++) {
            work.perform(i);
        }

        // 100 × 750 µs of waiting, less the fake clock's 1 µs per park reading that counts as time waited.
        assertThat(time.parked).isBetween(TimeUnit.MICROSECONDS.toNanos(74_900), TimeUnit.MICROSECONDS.toNanos(75_000));
        assertThat(time.now - time.parked)
                .isBetween(TimeUnit.MICROSECONDS.toNanos(25_000), TimeUnit.MICROSECONDS.toNanos(25_500));
    }
}
