package dev.scalingadvisor.testbed.loadjob.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordWorkTest {

    @Test
    void spendsTheConfiguredWallClockTimePerRecordOnAverage() {
        RecordWork work = new RecordWork(500, 0.5);
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            work.perform(i);
        }
        double millis = (System.nanoTime() - start) / 1e6;

        // 1000 records × 0.5 ms; generous upper margin because other builds share the two cores.
        assertThat(millis).isBetween(480.0, 800.0);
        assertThat(work.sink()).isPositive();
    }
}
